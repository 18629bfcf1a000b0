"""What the bulletin pages decide without calling anything: a bulletin read from the staff form, what may be done
to a bulletin in each state, and when its page should refresh itself while it is being sent."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from peel.web.domain.staff import reading
from peel.web.domain.staff.messages import N_

CATEGORIES = ("subscription", "stakeholder")
ORGANISATION_KINDS = ("parish_council", "town_council", "community_council", "partner")
ROLES = ("clerk", "chair", "councillor", "generic_inbox")
NAME = re.compile(r"^[a-z0-9][a-z0-9._:-]{0,99}$")
AREA = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")
LIVE = frozenset({"sending"})
REFRESH_SECONDS = 15

STATUS_NAMES = {
    "draft": N_("Draft"), "approved": N_("Approved"), "scheduled": N_("Scheduled"), "sending": N_("Sending"),
    "sent": N_("Sent"), "paused": N_("Paused"), "cancelled": N_("Cancelled"),
}
STATUS_COLOURS = {"draft": "grey", "approved": "blue", "scheduled": "purple", "sending": "yellow", "sent": "green",
                  "paused": "orange", "cancelled": "red"}
ACTIONS = {
    "draft": ("approve", "test-send", "cancel"),
    "approved": ("send", "schedule", "test-send", "cancel"),
    "scheduled": ("send", "schedule", "pause", "test-send", "cancel"),
    "sending": ("pause", "test-send", "cancel"),
    "sent": ("pause", "test-send"),
    "paused": ("resume", "test-send", "cancel"),
    "cancelled": (),
}


@dataclass(frozen=True)
class BulletinForm:
    """The compose form as the officer filled it in: kept to show again when something is missing."""

    title_en: str = ""
    title_cy: str = ""
    category: str = "subscription"
    topics: str = "bulletin"
    areas: str = ""
    organisation_kinds: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    from_pending: bool = True
    item_title_en: str = ""
    item_title_cy: str = ""
    item_body_en: str = ""
    item_body_cy: str = ""

    @classmethod
    def read(cls, single: Mapping[str, str], many: Mapping[str, Iterable[str]]) -> BulletinForm:
        return cls(title_en=single.get("title_en", ""), title_cy=single.get("title_cy", ""),
                   category=single.get("category", ""), topics=single.get("topics", ""),
                   areas=single.get("areas", ""),
                   organisation_kinds=tuple(many.get("organisation_kinds", ())), roles=tuple(many.get("roles", ())),
                   from_pending=single.get("from_pending") == "yes",
                   item_title_en=single.get("item_title_en", ""), item_title_cy=single.get("item_title_cy", ""),
                   item_body_en=single.get("item_body_en", ""), item_body_cy=single.get("item_body_cy", ""))

    @property
    def topic_list(self) -> list[str]:
        return reading.listed(self.topics.lower())

    @property
    def area_list(self) -> list[str]:
        return reading.listed(self.areas)

    @property
    def has_item(self) -> bool:
        return any((self.item_title_en, self.item_title_cy, self.item_body_en, self.item_body_cy))


@dataclass(frozen=True)
class Checked:
    """A bulletin the service can be asked to write, or what stops it, field by field."""

    body: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def check_bulletin(form: BulletinForm, pending: int) -> Checked:
    errors = {**_title_errors(form), **_audience_errors(form), **_item_errors(form, pending)}
    return Checked(errors=errors) if errors else Checked(body=bulletin_body(form))


def _title_errors(form: BulletinForm) -> dict[str, str]:
    if not (form.title_en or form.title_cy):
        return {"title_en": N_("Enter the bulletin's title in English, Welsh or both")}
    if len(form.title_en) > 200 or len(form.title_cy) > 200:
        return {"title_en": N_("The title must be 200 characters or fewer")}
    return {}


def _audience_errors(form: BulletinForm) -> dict[str, str]:
    errors: dict[str, str] = {}
    if form.category not in CATEGORIES:
        errors["category"] = N_("Choose who the bulletin is for")
    if not all(NAME.match(topic) for topic in form.topic_list):
        errors["topics"] = N_("Topics are short names of letters, numbers and dashes, such as bulletin")
    if not all(AREA.match(area) for area in form.area_list):
        errors["areas"] = N_("Areas are area keys of letters, numbers and dashes, such as crewe")
    unknown = set(form.organisation_kinds) - set(ORGANISATION_KINDS) or set(form.roles) - set(ROLES)
    if unknown:
        errors["organisation_kinds"] = N_("Choose kinds of organisation and roles from the lists")
    if not errors and not (form.topic_list or form.organisation_kinds or form.roles):
        errors["topics"] = N_("Name a topic, or choose organisations and roles, for the bulletin to reach someone")
    return errors


def _item_errors(form: BulletinForm, pending: int) -> dict[str, str]:
    if form.has_item and not (form.item_title_en or form.item_title_cy):
        return {"item_title_en": N_("Enter the item's title in English, Welsh or both")}
    if form.has_item and not (form.item_body_en or form.item_body_cy):
        return {"item_body_en": N_("Enter what the item says in English, Welsh or both")}
    if not form.has_item and not (form.from_pending and pending):
        return {"item_title_en": N_("Write an item, or include the items waiting for the next bulletin")}
    return {}


def bulletin_body(form: BulletinForm) -> dict[str, Any]:
    """The notifications service's bulletin: the written item's text as paragraphs, the waiting items after it."""
    items: list[Any] = []
    if form.has_item:
        items.append({"title": _texts(form.item_title_en, form.item_title_cy),
                      "body": _texts(paragraphs(form.item_body_en), paragraphs(form.item_body_cy))})
    if form.from_pending:
        items.append("from-pending")
    audience = {"topics": form.topic_list, "areas": form.area_list,
                "organisation_kinds": list(form.organisation_kinds), "roles": list(form.roles)}
    return {"title": _texts(form.title_en, form.title_cy), "category": form.category, "audience": audience,
            "items": items}


def paragraphs(text: str) -> str:
    """Plain text as the simple HTML a bulletin holds: a paragraph per blank-line-separated block, escaped."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if block.strip()]
    return "".join("<p>" + html.escape(block).replace("\n", "<br>") + "</p>" for block in blocks)


def _texts(english: str, welsh: str) -> dict[str, str]:
    return {language: text for language, text in (("en", english), ("cy", welsh)) if text}


def actions(status: str) -> tuple[str, ...]:
    """What may be done to a bulletin in ``status`` (the service refuses anything else with a 409)."""
    return ACTIONS.get(status, ())


def refreshes(status: str) -> bool:
    """A bulletin being sent: its page reloads itself so its counts stay live, with no script."""
    return status in LIVE


def started(bulletin: Mapping[str, Any]) -> bool:
    return bulletin.get("dispatch_started_at") is not None


def wrote_it(bulletin: Mapping[str, Any], subject: str) -> bool:
    """The signed-in user is its author, so the service will not take their approval."""
    return bulletin.get("author") == subject


def count_rows(counts: Mapping[str, int], names: Mapping[str, str]) -> list[tuple[str, int]]:
    """The counts a page lists, in the order of ``names``, each with its label."""
    return [(label, int(counts.get(key, 0))) for key, label in names.items()]


STAT_NAMES = {"queued": N_("Waiting to go"), "sent": N_("Handed to the mail server"), "delivered": N_("Delivered"),
              "failed": N_("Failed"), "suppressed": N_("Not sent (suppressed)"), "held": N_("Held"),
              "digest": N_("In a digest instead"), "unsubscribed": N_("Unsubscribed"),
              "cancelled": N_("Cancelled")}
EXCLUDED_NAMES = {"no_consent": N_("No consent"), "suppressed": N_("Suppressed"),
                  "weekly_cap": N_("Weekly limit reached"), "election": N_("Held: pre-election period"),
                  "quiet_hours": N_("Held: quiet hours"), "digest": N_("In a digest instead")}


DONE = {"written": N_("Bulletin saved as a draft: someone other than you must approve it"),
        "approve": N_("Bulletin approved: it can now be sent"), "send": N_("Sending has started"),
        "schedule": N_("Bulletin scheduled"), "pause": N_("Bulletin paused: nothing more goes until it is resumed"),
        "resume": N_("Bulletin resumed"), "cancel": N_("Bulletin cancelled: nothing more will be sent"),
        "test-send": N_("Test copy sent")}
NOT_IN_FUTURE = N_("Enter a time in the future; to send it now, use Send it now")
OWN_APPROVAL = N_("You wrote this bulletin, so you cannot approve it: ask another member of staff to approve it")


def send_at(local: str, zone: tzinfo) -> str | None:
    """A ``datetime-local`` field's value (in the office's time zone ``zone``) as ISO 8601 with its offset."""
    try:
        chosen = datetime.fromisoformat(local.strip())
    except ValueError:
        return None
    return (chosen if chosen.tzinfo else chosen.replace(tzinfo=zone)).isoformat()


def email_addresses(text: str) -> list[str]:
    """The test-send field: addresses separated by commas, spaces or lines; ``[]`` when any does not look like one."""
    found = reading.listed(text)
    return found if all(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", one) for one in found) else []


SERVICE_FIELDS = {"title": "title_en", "topics": "topics", "areas": "areas", "organisation_kinds": "organisation_kinds",
                  "roles": "organisation_kinds", "items": "item_title_en", "body": "item_body_en"}


def service_errors(errors: Mapping[str, str]) -> dict[str, str]:
    """The service's refusal of a bulletin, each message by the form's field nearest to the one it names."""
    found: dict[str, str] = {}
    for key, message in errors.items():
        found.setdefault(SERVICE_FIELDS.get(key, "title_en"), message)
    return found
