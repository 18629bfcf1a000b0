"""Local policing areas and the postcode districts they cover."""

from __future__ import annotations

import re

from peel.common.errors import FieldError, InvalidInput

# The outward code of a UK postcode: area letters, district digits and an optional letter.
_DISTRICT = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)(?:\s*[0-9][A-Z]{2})?$")
_AREA_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def postcode_district(postcode: str | None) -> str | None:
    """``"cw1 2ab"`` -> ``"CW1"``; ``None`` for anything that is not a UK postcode or district."""
    if not postcode:
        return None
    match = _DISTRICT.match(re.sub(r"\s+", " ", postcode.strip().upper()))
    return match.group(1) if match else None


def parse_area_rows(lines: list[list[str]]) -> tuple[tuple[str, str, str], ...]:
    """CSV rows ``postcode_district,area_key,area_name`` (with that header) -> checked rows."""
    if not lines or [cell.strip().lower() for cell in lines[0]] != ["postcode_district", "area_key", "area_name"]:
        raise InvalidInput([FieldError(("csv", 1), "the header must be postcode_district,area_key,area_name")])
    rows, errors = [], []
    for number, line in enumerate(lines[1:], start=2):
        if len(line) != 3:
            errors.append(FieldError(("csv", number), f"expected 3 columns, found {len(line)}"))
            continue
        district, key, name = (cell.strip() for cell in line)
        if postcode_district(district) != district.upper():
            errors.append(FieldError(("csv", number, "postcode_district"), f"{district!r} is not a postcode district"))
        elif not _AREA_KEY.match(key):
            errors.append(FieldError(("csv", number, "area_key"), f"{key!r}: use lower-case letters, digits and _"))
        else:
            rows.append((district.upper(), key, name or key))
    if errors:
        raise InvalidInput(errors)
    return tuple(rows)
