"""The first text of each information page, per language, until an administrator edits it.

Text format: paragraphs separated by a blank line; lines starting with "- " form a list;
a line starting with "## " is a heading.
"""

LICENSING_ID = """Perizinan berusaha usaha mikro di Kabupaten Bekasi diberikan berdasarkan tingkat risiko kegiatan usaha (Peraturan Bupati Nomor 5 Tahun 2024, Pasal 6 dan 7), melalui sistem perizinan berusaha terintegrasi secara elektronik (OSS).

## Persyaratan menurut tingkat risiko
- Risiko rendah: cukup Nomor Induk Berusaha (NIB). NIB berlaku sekaligus sebagai identitas dan legalitas usaha.
- Risiko menengah rendah: NIB dan pernyataan pemenuhan sertifikat standar.
- Risiko menengah tinggi: NIB dan sertifikat standar yang telah diverifikasi.
- Risiko tinggi: NIB dan izin.

## Cara mengajukan
- Secara daring: daftar di sistem OSS dengan NIK, lalu pilih kegiatan usaha (KBLI). NIB terbit setelah data lengkap.
- Dengan pendampingan: bila Anda tidak dapat mengakses sistem secara elektronik, datang ke Dinas Koperasi dan UKM atau DPMPTSP Kabupaten Bekasi. Petugas akan mendaftarkan usaha Anda (Pasal 5 ayat 3).
- Belum memiliki NIB? Untuk mendaftar di toko daring, Anda dapat sementara mengunggah surat keterangan usaha dari kepala desa.

## Biaya
Perizinan berusaha bagi usaha mikro tidak dipungut biaya.

## Pendampingan sertifikasi
Dinas mendampingi usaha mikro yang telah memiliki NIB untuk memperoleh SNI, sertifikat halal, SPP-IRT dan sertifikat PKRT (Pasal 9)."""

LICENSING_EN = """Business licences for micro-businesses in Kabupaten Bekasi depend on the risk level of the activity (Peraturan Bupati No. 5 of 2024, Articles 6 and 7) and are issued through the integrated online licensing system (OSS).

## Requirements by risk level
- Low risk: a business identification number (NIB) alone. The NIB is both the identity and the licence of the business.
- Medium-low risk: NIB and a self-declared standard certificate.
- Medium-high risk: NIB and a verified standard certificate.
- High risk: NIB and a licence.

## How to apply
- Online: register in OSS with your NIK and choose your business activity (KBLI). The NIB is issued once the data is complete.
- With assistance: if you cannot use the online system, visit the Dinas Koperasi dan UKM or the DPMPTSP of Kabupaten Bekasi. Staff will register your business for you (Article 5(3)).
- No NIB yet? To register in the toko daring you may upload a business letter from your village head for now.

## Cost
Business licensing for micro-businesses is free of charge.

## Help with certification
The Dinas helps micro-businesses that hold an NIB to obtain SNI, halal, SPP-IRT and PKRT certificates (Article 9)."""

DEFAULTS = {
    "perizinan": {
        "id": ("Informasi perizinan berusaha", LICENSING_ID),
        "en": ("Business licensing information", LICENSING_EN),
    },
}
