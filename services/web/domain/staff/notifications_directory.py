"""The notifications directory's forms and names: suppressing an address, registering a pre-election period and
releasing held messages, each read from a staff form and checked before anything is sent."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from peel.web.domain.staff import reading
from peel.web.domain.staff.messages import N_

ACK_STATES = {None: N_("No answer yet"), "received": N_("Received"), "shared": N_("Shared with councillors"),
              "on_agenda": N_("On an agenda")}
SUPPRESSION_REASONS = {"manual": N_("Asked not to be contacted"), "hard_bounce": N_("Address does not exist"),
                       "complaint": N_("Complained"), "unsubscribe": N_("Unsubscribed")}
ELECTION_KINDS = {"pcc": N_("Police and Crime Commissioner"), "local": N_("Local councils"),
                  "mayoral": N_("Mayoral"), "parliamentary": N_("UK Parliament"), "senedd": N_("Senedd"),
                  "by_election": N_("By-election"), "referendum": N_("Referendum")}
PERIOD_STATES = {"upcoming": N_("Upcoming"), "in_force": N_("In force"), "past": N_("Past"),
                 "cancelled": N_("Cancelled")}
DONE = {"suppressed": N_("Address suppressed: nothing will be sent to it"),
        "lifted": N_("Suppression lifted"), "period": N_("Pre-election period registered"),
        "period-cancelled": N_("Pre-election period cancelled"), "released": N_("Held messages released"),
        "organisation": N_("Organisation recorded"), "layout": N_("How messages show Welsh and English is saved")}
LAYOUTS = {"en_first": N_("English first, then Welsh"), "cy_first": N_("Welsh first, then English"),
           "side_by_side": N_("Side by side"), "separate": N_("Each contact's own language only")}
LIFT_REASON_NEEDED = N_("Say why the suppression is lifted")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
AREA = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")


@dataclass(frozen=True)
class SuppressionForm:
    address: str = ""
    reason: str = "manual"
    note: str = ""

    @classmethod
    def read(cls, single: Mapping[str, str]) -> SuppressionForm:
        return cls(single.get("address", ""), single.get("reason", ""), single.get("note", ""))

    def errors(self) -> dict[str, str]:
        errors = {}
        if not EMAIL.match(self.address) or len(self.address) > 320:
            errors["address"] = N_("Enter an email address, like name@example.com")
        if self.reason not in SUPPRESSION_REASONS:
            errors["reason"] = N_("Choose why nothing may be sent to it")
        if len(self.note) > 1000:
            errors["note"] = N_("The note must be 1,000 characters or fewer")
        return errors

    def body(self) -> dict[str, Any]:
        return {"address": self.address, "channel": "email", "reason": self.reason, "scope": "global",
                "note": self.note or None}


@dataclass(frozen=True)
class PeriodForm:
    kind: str = "pcc"
    areas: str = ""
    notice_date: str = ""
    poll_date: str = ""

    @classmethod
    def read(cls, single: Mapping[str, str]) -> PeriodForm:
        return cls(single.get("kind", ""), single.get("areas", ""), single.get("notice_date", ""),
                   single.get("poll_date", ""))

    @property
    def area_list(self) -> list[str]:
        return reading.listed(self.areas)

    def errors(self) -> dict[str, str]:
        errors = {}
        if self.kind not in ELECTION_KINDS:
            errors["kind"] = N_("Choose the kind of election")
        if not all(AREA.match(area) for area in self.area_list):
            errors["areas"] = N_("Areas are area codes of letters, numbers and dashes, separated by commas")
        notice, poll = reading.day(self.notice_date), reading.day(self.poll_date)
        if notice is None:
            errors["notice_date"] = N_("Enter the date the notice of election is published, like 2028-03-27")
        if poll is None:
            errors["poll_date"] = N_("Enter polling day, like 2028-05-04")
        elif notice is not None and poll < notice:
            errors["poll_date"] = N_("Polling day must be on or after the notice of election")
        return errors

    def body(self) -> dict[str, Any]:
        return {"kind": self.kind, "areas": self.area_list, "notice_date": self.notice_date,
                "poll_date": self.poll_date}


def release_body(single: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """Releasing held messages: why (on record) and which: a bulletin's, an election period's, or every one."""
    reason = single.get("reason", "")
    if not reason or len(reason) > 1000:
        return {}, {"reason": N_("Say why the held messages may go now")}
    body: dict[str, Any] = {"reason": reason}
    for key in ("bulletin_id", "election_period_id"):
        if single.get(key):
            body[key] = single[key]
    return body, {}


def is_template_key(key: str) -> bool:
    return bool(re.fullmatch(r"[a-z][a-z0-9_]{0,99}", key))


LANGUAGES = {"unknown": N_("Not asked"), "en": N_("English"), "cy": N_("Welsh")}
CONSENT_SOURCES = {"paper_form": N_("A paper form"), "phone": N_("On the phone"), "event": N_("At an event"),
                   "email": N_("By email")}


@dataclass(frozen=True)
class ContactForm:
    """A contact recorded by staff (from a paper form or a call): an email address, their language, their areas."""

    email: str = ""
    name: str = ""
    areas: str = ""
    language: str = "unknown"

    @classmethod
    def read(cls, single: Mapping[str, str]) -> ContactForm:
        return cls(single.get("email", ""), single.get("name", ""), single.get("areas", ""),
                   single.get("language", ""))

    @property
    def area_list(self) -> list[str]:
        return reading.listed(self.areas)

    def errors(self) -> dict[str, str]:
        errors = {}
        if not EMAIL.match(self.email) or len(self.email) > 320:
            errors["email"] = N_("Enter an email address, like name@example.com")
        if len(self.name) > 200:
            errors["name"] = N_("The name must be 200 characters or fewer")
        if not all(AREA.match(area) for area in self.area_list):
            errors["areas"] = N_("Areas are area codes of letters, numbers and dashes, separated by commas")
        if self.language not in LANGUAGES:
            errors["language"] = N_("Choose the language they asked for")
        return errors

    def body(self) -> dict[str, Any]:
        asked = {"language_asked_how": "staff"} if self.language != "unknown" else {}
        return {"email": self.email, "name": self.name or None, "areas": self.area_list,
                "language": self.language, **asked}


def consent_body(single: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """A consent given or withdrawn, as the contact gave it: the topic, where, and the version of the words."""
    topic, source, wording = (single.get(key, "") for key in ("topic", "source", "wording_version"))
    errors = {}
    if not re.fullmatch(r"[a-z0-9][a-z0-9._:-]{0,99}", topic):
        errors["topic"] = N_("Topics are short names of letters, numbers and dashes, such as bulletin")
    if source not in CONSENT_SOURCES:
        errors["source"] = N_("Choose where they gave or withdrew it")
    if not wording or len(wording) > 50:
        errors["wording_version"] = N_("Enter the version of the words they agreed to, such as 2027-01")
    if errors:
        return {}, errors
    return {"sender": "office", "topic": topic, "channel": "email", "given": single.get("given") != "no",
            "source": source, "wording_version": wording}, {}


ORGANISATION_KINDS = {"parish_council": N_("Parish council"), "town_council": N_("Town council"),
                      "community_council": N_("Community council"), "partner": N_("Partner")}


def organisation_body(single: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """A council or partner: its name, kind and area, and its clerk when their contact is recorded already."""
    name, kind, area, clerk = (single.get(key, "") for key in ("name", "kind", "area", "clerk"))
    errors = {}
    if not name or len(name) > 200:
        errors["name"] = N_("Enter the organisation's name (200 characters at most)")
    if kind not in ORGANISATION_KINDS:
        errors["kind"] = N_("Choose the kind of organisation")
    if not AREA.match(area):
        errors["area"] = N_("Enter the area it serves as a code of letters, numbers and dashes, such as E04000001")
    if clerk and not re.fullmatch(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}", clerk):
        errors["clerk"] = N_("Enter a contact's id, as shown on their record")
    if errors:
        return {}, errors
    roles = [{"role": "clerk", "contact_id": clerk}] if clerk else []
    return {"name": name, "kind": kind, "area": area, "roles": roles}, {}
