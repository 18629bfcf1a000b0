"""The admins' settings forms, read and checked before anything is saved: precept settings, how the office's pages
look, the meetings' topic list and which identity-provider groups give which Peel roles."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from peel.web.domain.staff import reading
from peel.web.domain.staff.identity import EVERY_ROLE
from peel.web.domain.staff.messages import N_
from peel.web.domain.tenants import COLOUR, TenantDisplay, contrast_with_white

BANDS = ("A", "B", "C", "D", "E", "F", "G", "H", "I")
RATIO = re.compile(r"[0-9]+(/[0-9]+|\.[0-9]+)?")
TOPIC_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
GROUP = re.compile(r"^\S.{0,199}$")
MINIMUM_CONTRAST = 4.5
DONE = {"precept": N_("Precept settings saved"), "display": N_("How the office's pages look is saved"),
        "topics": N_("Topic list saved"), "roles": N_("Staff roles saved")}
ROLE_NAMES = {"admin": N_("Administrator"), "engagement_officer": N_("Engagement officer"),
              "analyst": N_("Analyst"), "panel_clerk": N_("Panel clerk"), "viewer": N_("Viewer")}


@dataclass(frozen=True)
class Checked:
    """What to save, or what stops it, field by field."""

    value: Any = None
    errors: dict[str, str] = field(default_factory=dict)


def check_precept(single: Mapping[str, str]) -> Checked:
    """Bands left empty are left out (bands A to H are needed; I only in Wales); one referendum limit or none."""
    ratios = {band: single.get(f"ratio_{band}", "").strip() for band in BANDS}
    errors = {f"ratio_{band}": N_("Enter the band's share of Band D, like 7/9 or 0.7778")
              for band, ratio in ratios.items() if ratio and not RATIO.fullmatch(ratio)}
    errors |= {f"ratio_{band}": N_("Enter the band's share of Band D, like 7/9 or 0.7778")
               for band in BANDS[:8] if not ratios[band]}
    pounds, percent = _amount(single.get("limit_pounds", "")), _amount(single.get("limit_percent", ""))
    if pounds is False or percent is False or (pounds and percent):
        errors["limit_pounds"] = N_("Give the referendum limit in pounds or as a percentage, not both")
    band_d = _amount(single.get("band_d_current", ""))
    if band_d is False:
        errors["band_d_current"] = N_("Enter this year's Band D in pounds, like 265.50")
    if errors:
        return Checked(errors=errors)
    limit = {"pounds": str(pounds)} if pounds else {"percent": str(percent)} if percent else None
    return Checked({"ratios": {band: ratio for band, ratio in ratios.items() if ratio}, "referendum_limit": limit,
                    "band_d_current": str(band_d) if band_d else None})


def _amount(text: str) -> Decimal | bool | None:
    """A positive amount; ``None`` when left empty; ``False`` when it is not one."""
    text = text.strip().removesuffix("%")
    if not text:
        return None
    amount = reading.decimal(text)
    return amount if amount is not None and 0 < amount <= 10_000 else False


def check_display(single: Mapping[str, str]) -> Checked:
    """Both languages of each name, a header colour white text can be read on, and addresses that look like ones."""
    texts = {key: single.get(key, "").strip() for key in ("name_en", "name_cy", "head_title_en", "head_title_cy")}
    errors = {key: N_("Enter it in English and in Welsh (200 characters at most)")
              for key, text in texts.items() if not text or len(text) > 200}
    colour = single.get("brand_colour", "").strip()
    if not COLOUR.match(colour):
        errors["brand_colour"] = N_("Enter the colour as # and six hexadecimal digits, like #1d70b8")
    elif contrast_with_white(colour) < MINIMUM_CONTRAST:
        errors["brand_colour"] = N_("White text on this colour is hard to read: choose a darker colour")
    links = {key: single.get(key, "").strip() or None for key in ("privacy_url", "accessibility_url")}
    errors |= {key: N_("Enter an address starting https://") for key, link in links.items()
               if link and not re.match(r"^https?://[^\s]+\.[^\s]+$", link)}
    email = single.get("contact_email", "").strip() or None
    if email and not re.match(r"^[^@\s]+@[^@\s]+$", email):
        errors["contact_email"] = N_("Enter an email address, like name@example.com")
    if errors:
        return Checked(errors=errors)
    return Checked(TenantDisplay(name={"en": texts["name_en"], "cy": texts["name_cy"]},
                                 head_title={"en": texts["head_title_en"], "cy": texts["head_title_cy"]},
                                 brand_colour=colour, contact_email=email, **links))


def display_answers(display: TenantDisplay) -> dict[str, str]:
    """The saved display as the form's fields."""
    return {"name_en": display.name.get("en", ""), "name_cy": display.name.get("cy", ""),
            "head_title_en": display.head_title.get("en", ""), "head_title_cy": display.head_title.get("cy", ""),
            "brand_colour": display.brand_colour, "privacy_url": display.privacy_url or "",
            "accessibility_url": display.accessibility_url or "", "contact_email": display.contact_email or ""}


def check_topics(text: str) -> Checked:
    """One topic a line, ``key: label`` (``asb: Anti-social behaviour``)."""
    topics, keys = [], set()
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        key, _, label = (part.strip() for part in line.partition(":"))
        if not TOPIC_KEY.match(key) or not label or len(label) > 200 or key in keys:
            return Checked(errors={"topics": N_("Write one topic a line as key: label, each key once, "
                                                "like asb: Anti-social behaviour")})
        keys.add(key)
        topics.append({"key": key, "label": label})
    return Checked(topics)


def topics_text(topics: list[Mapping[str, str]]) -> str:
    return "\n".join(f"{topic['key']}: {topic['label']}" for topic in topics)


def check_roles(text: str) -> Checked:
    """One group a line, ``group: role, role`` (``peel-admins: admin``); the roles Peel knows only."""
    mapping: dict[str, list[str]] = {}
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        group, _, roles = (part.strip() for part in line.rpartition(":"))
        named = [role.strip() for role in roles.split(",") if role.strip()]
        if not GROUP.match(group) or not named or not set(named) <= EVERY_ROLE or group in mapping:
            return Checked(errors={"mapping": N_("Write one group a line as group: role, role, each group once, "
                                                 "using the roles listed")})
        mapping[group] = list(dict.fromkeys(named))
    return Checked(mapping)


def roles_text(mapping: Mapping[str, list[str]]) -> str:
    return "\n".join(f"{group}: {', '.join(roles)}" for group, roles in sorted(mapping.items()))


def precept_answers(settings: Mapping[str, Any]) -> dict[str, str]:
    """The saved precept settings as the form's fields."""
    limit = settings.get("referendum_limit") or {}
    answers = {f"ratio_{band}": ratio for band, ratio in (settings.get("ratios") or {}).items()}
    return {**answers, "limit_pounds": _shown(limit.get("pounds")), "limit_percent": _shown(limit.get("percent")),
            "band_d_current": _shown(settings.get("band_d_current"))}


def _shown(amount: float | None) -> str:
    return "" if amount is None else f"{amount:g}"


TOPICS_REFUSED = N_("The meetings service did not accept the topics: keep keys short, in lower case, and labels "
                    "to one line")
