"""Human names of the registry's classifications, in the reader's language.

One place for the profile forms, the pages, the data standard and the directory.
"""

from flask_babel import lazy_gettext as _l

from app.businesses.models import (
    CertificateKind,
    DevelopmentApproach,
    DevelopmentLevel,
    DocumentKind,
    LegalForm,
    RiskLevel,
)

LEGAL_FORM_LABELS = {
    LegalForm.INDIVIDUAL: _l("Individual (perorangan)"),
    LegalForm.PT_PERORANGAN: _l("Sole-proprietor company (PT perorangan)"),
    LegalForm.CV: _l("Limited partnership (CV)"),
    LegalForm.FIRMA: _l("Partnership (firma)"),
    LegalForm.COOPERATIVE: _l("Cooperative (koperasi)"),
    LegalForm.OTHER: _l("Other"),
}
RISK_LABELS = {
    RiskLevel.LOW: _l("Low"),
    RiskLevel.MEDIUM_LOW: _l("Medium-low"),
    RiskLevel.MEDIUM_HIGH: _l("Medium-high"),
    RiskLevel.HIGH: _l("High"),
}
CERTIFICATE_LABELS = {
    CertificateKind.HALAL: _l("Halal"),
    CertificateKind.SNI: _l("SNI (national standard)"),
    CertificateKind.SPP_IRT: _l("SPP-IRT (home food industry)"),
    CertificateKind.PKRT: _l("PKRT (household health supplies)"),
    CertificateKind.STANDARD: _l("Standard certificate"),
    CertificateKind.LICENCE: _l("Licence (izin)"),
    CertificateKind.HAKI: _l("Intellectual property (HAKI)"),
}
DOCUMENT_LABELS = {
    DocumentKind.NIB: _l("NIB document"),
    DocumentKind.VILLAGE_LETTER: _l("Village-head business letter (SKU)"),
    DocumentKind.CERTIFICATE: _l("Certificate"),
    DocumentKind.OTHER: _l("Other document"),
}
APPROACH_LABELS = {
    DevelopmentApproach.SENTRA: _l("Sentra"),
    DevelopmentApproach.KLASTER: _l("Klaster"),
    DevelopmentApproach.KELOMPOK: _l("Kelompok"),
}
LEVEL_LABELS = {
    DevelopmentLevel.PEMULA: _l("Beginner"),
    DevelopmentLevel.BERKEMBANG: _l("Developing"),
    DevelopmentLevel.MAJU: _l("Advanced"),
    DevelopmentLevel.MANDIRI: _l("Self-reliant"),
}
