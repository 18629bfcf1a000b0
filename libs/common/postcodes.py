"""Postcodes: where a resident gives only the district (e.g. CW1), never the full postcode."""

from __future__ import annotations

import re

FULL_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}$", re.IGNORECASE)


def district_only(area: str | None) -> str | None:
    """``area`` unchanged, unless it is a full postcode (a direct identifier), which is refused."""
    if area and FULL_POSTCODE.match(area):
        raise ValueError("give the postcode district only (e.g. CW1), not the full postcode")
    return area
