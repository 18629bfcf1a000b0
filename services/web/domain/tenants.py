"""How an office's pages look: its names in both languages, the title of its head, colours and links."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
TENANT = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


@dataclass(frozen=True)
class TenantDisplay:
    """What the pages show of an office: set by an admin, with defaults drawn from the tenant's id."""

    name: dict[str, str]
    head_title: dict[str, str]
    brand_colour: str = "#1d70b8"
    privacy_url: str | None = None
    accessibility_url: str | None = None
    contact_email: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def default_display(tenant: str) -> TenantDisplay:
    """An office not yet set up is named from its id ("north-wales" -> "North Wales")."""
    area = tenant.replace("-", " ").title()
    return TenantDisplay(
        name={"en": f"Office of the Police and Crime Commissioner for {area}",
              "cy": f"Swyddfa Comisiynydd yr Heddlu a Throseddu {area}"},
        head_title={"en": f"Police and Crime Commissioner for {area}",
                    "cy": f"Comisiynydd yr Heddlu a Throseddu {area}"},
    )


def contrast_with_white(colour: str) -> float:
    """WCAG 2.2 contrast ratio of white text on ``colour`` (#rrggbb): 1 to 21."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def is_tenant(value: str) -> bool:
    return bool(TENANT.fullmatch(value))
