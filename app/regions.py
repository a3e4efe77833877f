"""The kecamatan (districts) of Kabupaten Bekasi with their official Kemendagri codes."""

import csv
from functools import cache
from importlib import resources

REGENCY_CODE = "32.16"
REGENCY_NAME = "Kabupaten Bekasi"


@cache
def kecamatan() -> dict[str, str]:
    """Code -> name, in the official order."""
    with resources.files("app.reference").joinpath("kecamatan.csv").open(encoding="utf-8") as fh:
        return {row["kode_kemendagri"]: row["nama_kecamatan"] for row in csv.DictReader(fh)}


def kecamatan_name(code: str | None) -> str:
    return kecamatan().get(code or "", "")


def kecamatan_choices() -> list[tuple[str, str]]:
    return sorted(kecamatan().items(), key=lambda item: item[1])
