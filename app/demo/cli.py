"""`flask demo seed`: idempotent demo data, so that a fresh checkout shows a working shop.

Later features add their own seeding steps to SEED_STEPS.
"""

import zlib
from collections.abc import Callable

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app.accounts import services
from app.accounts.models import Organisation, OrgKind, Role, User, find_user_by_email
from app.db import utcnow
from app.demo import businesses as demo_businesses
from app.demo import products as demo_products
from app.extensions import db
from app.search import reindex

demo_cli = AppGroup("demo", help="Demo data.")

DINAS_STAFF = [
    ("admin@demo.test", "Rina Marlina", Role.ADMIN),
    ("kurator@demo.test", "Dedi Supriadi", Role.CURATOR),
    ("kurator2@demo.test", "Siti Nurhaliza", Role.CURATOR),
]

# (name, abbreviation, kecamatan, email prefix); the first one carries the short demo logins.
AGENCIES = [
    ("Dinas Pendidikan Kabupaten Bekasi", "Disdik", "32.16.20", ""),
    ("Dinas Kesehatan Kabupaten Bekasi", "Dinkes", "32.16.20", "dinkes."),
    ("Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Bekasi", "DPUPR", "32.16.20", "dpupr."),
    (
        "Dinas Komunikasi, Informatika, Persandian dan Statistik Kabupaten Bekasi",
        "Diskominfosantik",
        "32.16.20",
        "kominfo.",
    ),
    ("Dinas Lingkungan Hidup Kabupaten Bekasi", "DLH", "32.16.20", "dlh."),
]
AGENCY_STAFF = [
    ("pp", Role.PP, "Pejabat Pengadaan"),
    ("ppk", Role.PPK, "Pejabat Pembuat Komitmen"),
    ("bendahara", Role.TREASURER, "Bendahara"),
]

# (owner email, owner name, business, kecamatan, verified)
SELLERS = [
    ("penjual@demo.test", "Ujang Suherman", "Keripik Singkong Mang Ujang", "32.16.06", True),
    ("sari.batik@demo.test", "Sari Wulandari", "Batik Tulis Sari Bekasi", "32.16.07", True),
    ("anyaman.babelan@demo.test", "Hendra Gunawan", "Anyaman Bambu Babelan", "32.16.02", True),
    ("konveksi.cikarang@demo.test", "Yuli Astuti", "Konveksi Seragam Yuli", "32.16.09", True),
    ("percetakan.tambun@demo.test", "Agus Salim", "Percetakan Maju Jaya", "32.16.05", True),
    ("bandeng.muaragembong@demo.test", "Rohmat Hidayat", "Bandeng Presto Muara", "32.16.17", True),
    ("kopi.serangbaru@demo.test", "Neneng Kurniasih", "Kopi Bubuk Serang Baru", "32.16.21", False),
    ("dodol.setu@demo.test", "Mulyadi", "Dodol Betawi Setu", "32.16.18", False),
]

SUPPLIERS = [
    ("penyedia@demo.test", "Bambang Wijaya", "PT Karya Bangun Bekasi", "32.16.19", True),
    ("cv.mitra@demo.test", "Lestari Dewi", "PT Mitra Sarana Cikarang", "32.16.08", False),
]


def _password() -> str:
    return current_app.config["DEMO_PASSWORD"]


def _ensure_member(
    admin: User, organisation: Organisation, email: str, name: str, role: Role
) -> bool:
    user = find_user_by_email(email)
    if user and any(
        m.organisation_id == organisation.id and m.role == role for m in user.memberships
    ):
        return False
    membership = services.invite_member(admin, organisation, email=email, name=name, role=role)
    if not membership.user.password_hash:
        membership.user.set_password(_password())
    return True


def seed_accounts() -> int:
    created = 0
    admin = find_user_by_email(DINAS_STAFF[0][0])
    if admin is None:
        admin = services.create_admin(DINAS_STAFF[0][0], DINAS_STAFF[0][1], _password())
        created += 1
    dinas = services.dinas(create=True)
    for email, name, role in DINAS_STAFF[1:]:
        created += _ensure_member(admin, dinas, email, name, role)

    for name, short, kecamatan, prefix in AGENCIES:
        agency = db.session.scalar(
            select(Organisation).where(
                Organisation.kind == OrgKind.AGENCY, Organisation.name == name
            )
        )
        if agency is None:
            agency = services.save_agency(
                admin, name=name, short_name=short, address=None, kecamatan_code=kecamatan
            )
            created += 1
        for local, role, title in AGENCY_STAFF:
            created += _ensure_member(
                admin, agency, f"{prefix}{local}@demo.test", f"{title} {short}", role
            )

    for kind, rows in ((OrgKind.MICRO_BUSINESS, SELLERS), (OrgKind.SUPPLIER, SUPPLIERS)):
        for email, name, organisation_name, kecamatan, verified in rows:
            if find_user_by_email(email):
                continue
            user = services.register_organisation_owner(
                kind=kind,
                name=name,
                email=email,
                password=_password(),
                organisation_name=organisation_name,
                kecamatan_code=kecamatan,
                phone="0812" + str(zlib.crc32(email.encode()) % 10**8).zfill(8),
            )
            if verified:
                organisation = user.memberships[0].organisation
                organisation.verified_at = utcnow()
                organisation.verified_by_id = admin.id
            created += 1
    return created


def seed_businesses() -> int:
    return demo_businesses.seed_businesses(find_user_by_email(DINAS_STAFF[0][0]))


def seed_categories() -> int:
    from app.catalog.taxonomy import ensure_categories

    return ensure_categories()


def seed_products() -> int:
    """`--products N` of `flask demo seed`; the search index is rebuilt when they change."""
    wanted = click.get_current_context().params.get("products", demo_products.DEFAULT_COUNT)
    with click.progressbar(length=wanted, label="products") as bar:
        created = demo_products.seed_products(wanted, progress=bar.update)
    db.session.commit()
    if created or demo_products.index_is_stale():
        with click.progressbar(length=demo_products.public_count(), label="search index") as bar:
            reindex(progress=bar.update)
    return created


SEED_STEPS: list[tuple[str, Callable[[], int]]] = [
    ("accounts", seed_accounts),
    ("businesses", seed_businesses),
    ("categories", seed_categories),
    ("products", seed_products),
]


@demo_cli.command("seed")
@click.option(
    "--products",
    type=click.IntRange(min=0),
    default=demo_products.DEFAULT_COUNT,
    show_default=True,
    help="How many demo products the verified demo businesses offer (for benchmarks: 50000).",
)
def seed(products: int):
    """Create the demo organisations, people and data (safe to run again)."""
    for label, step in SEED_STEPS:
        count = step()
        db.session.commit()
        click.echo(f"{label}: {count} created")
    click.echo("")
    click.echo(f"Demo logins (password: {_password()}):")
    for email, role in [
        ("admin@demo.test", "Admin Dinas"),
        ("kurator@demo.test", "Kurator"),
        ("pp@demo.test", "Pejabat Pengadaan (Dinas Pendidikan)"),
        ("ppk@demo.test", "PPK (Dinas Pendidikan)"),
        ("bendahara@demo.test", "Bendahara (Dinas Pendidikan)"),
        ("penjual@demo.test", "Penjual / pelaku usaha mikro"),
        ("penyedia@demo.test", "Penyedia usaha besar/menengah"),
    ]:
        click.echo(f"  {email:<22} {role}")
