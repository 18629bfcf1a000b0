"""What each email to a booker or a registrant says, filled from the booking or registration as it is now.

Each returns ``None`` when there is nobody to write to (no email address, or erased) or the email
no longer fits (a reminder for a booking since cancelled, say): the message is then dropped.
A booker who gave only a mobile number is reminded by text message (``channels``); the rest goes by email.
Wording is given in English and Welsh; the notifications service's templates put them together.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from peel.common.notify.emails import EMAIL, SMS, OutgoingEmail
from peel.scheduling.assemblies.domain.registration import REGISTRATION_PAGES, FormKey
from peel.scheduling.messages.domain.channels import Address, email_else_text, email_only
from peel.scheduling.messages.domain.messages import MessageKind
from peel.scheduling.surgeries.domain.links import BOOKING_PAGES, WAITLIST_PAGES, LinkKey, page_links
from peel.scheduling.surgeries.domain.triage import GUIDANCE, Route

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
CY_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
             "Tachwedd", "Rhagfyr")
ADJUSTMENTS = ("If you need anything to take part (an interpreter, a hearing loop, step-free access), tell the "
               "Commissioner's office before the day.",
               "Os oes angen unrhyw beth arnoch i gymryd rhan (cyfieithydd, dolen sain, mynediad heb risiau), "
               "dywedwch wrth swyddfa'r Comisiynydd cyn y diwrnod.")
INTRO = {False: ("Your appointment with the Commissioner's surgery is booked.",
                 "Mae eich apwyntiad yng nghymhorthfa'r Comisiynydd wedi'i drefnu."),
         True: ("A slot has become free at the surgery whose waiting list you joined, and it is yours.",
                "Mae slot wedi dod yn rhydd yn y gymhorthfa yr oeddech ar ei rhestr aros, ac mae'n eiddo i chi.")}
MOVED = ("Your appointment has moved to the time below.", "Mae eich apwyntiad wedi symud i'r amser isod.")
CANCELLED_BY = {"booker": ("You cancelled it.", "Fe wnaethoch chi ei ganslo."),
                "staff": ("The Commissioner's office cancelled it.", "Canslodd swyddfa'r Comisiynydd ef.")}


@dataclass(frozen=True, slots=True)
class BookingFacts:
    """A booking or a waitlist place as it is now, with its session; ``starts_at`` is the slot's, or the
    session's for a waitlist place."""

    tenant: str
    booking_id: uuid.UUID
    status: str
    name: str | None
    email: str | None
    from_waitlist: bool
    starts_at: datetime
    minutes: int
    host: str
    venue: str | None  # "name, address"; ``None`` online
    routes: tuple[str, ...] = ()
    cancelled_by: str | None = None
    session_cancel_reason: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class RegistrantFacts:
    tenant: str
    registrant_id: uuid.UUID
    assembly_id: uuid.UUID
    status: str
    reply: str | None
    name: str | None
    email: str | None
    title: tuple[str, str | None]
    replacement_deadline: date


@dataclass(frozen=True, slots=True)
class Links:
    """The signed links an email carries: pages under the address residents reach them at (per tenant), in
    English (``<name>_url``) for the English half and in Welsh (``<name>_url_cy``) for the Welsh half."""

    base_url: str
    base_url_by_tenant: dict[str, str]
    bookings: LinkKey
    registrations: FormKey

    def base(self, tenant: str) -> str:
        return self.base_url_by_tenant.get(tenant, self.base_url).rstrip("/")

    def booking(self, tenant: str, booking_id: uuid.UUID, *names: str) -> dict[str, str]:
        token = self.bookings.token(tenant, booking_id)
        return self._urls(tenant, _only(BOOKING_PAGES, names), token, booking_id=booking_id)

    def waitlist(self, tenant: str, place_id: uuid.UUID) -> dict[str, str]:
        return self._urls(tenant, WAITLIST_PAGES, self.bookings.token(tenant, place_id), entry_id=place_id)

    def registration(self, facts: RegistrantFacts, *names: str) -> dict[str, str]:
        token = self.registrations.withdrawal_token(facts.tenant, facts.registrant_id)
        return self._urls(facts.tenant, _only(REGISTRATION_PAGES, names), token, assembly_id=facts.assembly_id,
                          registrant_id=facts.registrant_id)

    def _urls(self, tenant: str, pages: dict[str, str], token: str, **ids: object) -> dict[str, str]:
        base = self.base(tenant)
        english, welsh = (page_links(pages, lang, token, **ids) for lang in ("en", "cy"))
        return {**{f"{name}_url": f"{base}{path}" for name, path in english.items()},
                **{f"{name}_url_cy": f"{base}{path}" for name, path in welsh.items()}}


def _only(pages: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
    return {name: pages[name] for name in names}


def booking_email(kind: MessageKind, message_id: uuid.UUID, facts: BookingFacts, links: Links,
                  now: datetime) -> OutgoingEmail | None:
    """``None`` also once the appointment (or the surgery of a waitlist place) has started: it is news no longer."""
    write = _BOOKING_EMAILS[kind]
    to = write.address(facts.email, facts.phone)
    if to is None or not facts.name or facts.status not in write.statuses or facts.starts_at <= now:
        return None
    return _email(facts.tenant, to, kind, message_id, write.template, write.values(facts, links))


def registrant_email(kind: MessageKind, message_id: uuid.UUID, facts: RegistrantFacts,
                     links: Links) -> OutgoingEmail | None:
    write = _REGISTRANT_EMAILS[kind]
    if not (facts.email and facts.name) or (facts.status, facts.reply) not in write.statuses:
        return None
    return _email(facts.tenant, Address(EMAIL, facts.email), kind, message_id, write.template,
                  write.values(facts, links))


def _email(tenant: str, to: Address, kind: MessageKind, message_id: uuid.UUID, template: str,
           values: dict[str, str]) -> OutgoingEmail:
    reference = f"scheduling-{kind}-{message_id}"
    if to.channel == SMS:
        return OutgoingEmail(tenant, None, reference, values, template, channel=SMS, phone_number=to.value)
    return OutgoingEmail(tenant, to.value, reference, values, template)


@dataclass(frozen=True, slots=True)
class _Write:
    template: str
    statuses: frozenset
    values: Callable[..., dict[str, str]]
    address: Callable[[str | None, str | None], Address | None] = email_only


def _appointment(facts: BookingFacts) -> dict[str, str]:
    place = (facts.venue, facts.venue) if facts.venue else (
        "Online: the office will send you how to join", "Ar-lein: bydd y swyddfa'n anfon sut i ymuno atoch")
    return {"name": facts.name or "", "host": facts.host, "starts_at": facts.starts_at.isoformat(),
            **_both("place", place)}


def _confirmed(facts: BookingFacts, links: Links) -> dict[str, str]:
    guidance = [GUIDANCE[Route(route)] for route in facts.routes]
    links_sent = links.booking(facts.tenant, facts.booking_id, "booking", "cancel", "reschedule", "calendar")
    return {**_appointment(facts), "duration": f"{facts.minutes} minutes", "duration_cy": f"{facts.minutes} munud",
            **_both("intro", INTRO[facts.from_waitlist]), **links_sent,
            **_both("guidance", tuple("\n\n".join(words) for words in zip(*guidance, ADJUSTMENTS, strict=True)))}


def _moved(facts: BookingFacts, links: Links) -> dict[str, str]:
    return {**_confirmed(facts, links), **_both("intro", MOVED)}


def _reminder(facts: BookingFacts, links: Links) -> dict[str, str]:
    return {**_appointment(facts), **links.booking(facts.tenant, facts.booking_id, "booking", "cancel")}


def _cancelled(facts: BookingFacts, _: Links) -> dict[str, str]:
    reason = CANCELLED_BY.get(facts.cancelled_by or "staff", CANCELLED_BY["staff"])
    if facts.cancelled_by == "session_cancelled":
        why = facts.session_cancel_reason or "no reason was given"
        reason = (f"The surgery was cancelled: {why}.", f"Cafodd y gymhorthfa ei chanslo: {why}.")
    return {**_appointment(facts), **_both("reason", reason)}


def _waiting(facts: BookingFacts, links: Links) -> dict[str, str]:
    return {**_appointment(facts), **links.waitlist(facts.tenant, facts.booking_id)}


def _assembly(facts: RegistrantFacts) -> dict[str, str]:
    title_en, title_cy = facts.title
    return {"name": facts.name or "", **_both("assembly_title", (title_en, title_cy or title_en))}


def _registered(facts: RegistrantFacts, links: Links) -> dict[str, str]:
    return {**_assembly(facts), **links.registration(facts, "withdraw")}


def _offered(facts: RegistrantFacts, links: Links) -> dict[str, str]:
    return {**_assembly(facts), **links.registration(facts, "confirm", "decline")}


def _not_drawn(facts: RegistrantFacts, links: Links) -> dict[str, str]:
    deadline = facts.replacement_deadline
    return {**_registered(facts, links), **_both("replacement_deadline", (
        f"{deadline.day} {EN_MONTHS[deadline.month - 1]} {deadline.year}",
        f"{deadline.day} {CY_MONTHS[deadline.month - 1]} {deadline.year}"))}


def _both(name: str, words: tuple[str, str]) -> dict[str, str]:
    return {name: words[0], f"{name}_cy": words[1]}


CONFIRMED = frozenset({"confirmed"})
# A registration is news even to someone drawn before its email went (the emails go in the order asked).
NOT_WITHDRAWN = frozenset((status, reply) for status in ("registered", "selected", "dropped_out")
                          for reply in (None, "confirmed", "declined"))
_BOOKING_EMAILS = {
    MessageKind.BOOKING_CONFIRMED: _Write("surgery_booking_confirmed", CONFIRMED, _confirmed),
    MessageKind.BOOKING_MOVED: _Write("surgery_booking_confirmed", CONFIRMED, _moved),
    MessageKind.BOOKING_REMINDER: _Write("surgery_booking_reminder", CONFIRMED, _reminder, email_else_text),
    MessageKind.BOOKING_CANCELLED: _Write("surgery_booking_cancelled", frozenset({"cancelled"}), _cancelled),
    MessageKind.WAITLIST_JOINED: _Write("surgery_waitlist_joined", frozenset({"waiting"}), _waiting),
}
_REGISTRANT_EMAILS = {
    MessageKind.REGISTERED: _Write("assembly_registration_received", NOT_WITHDRAWN, _registered),
    MessageKind.PLACE_OFFERED: _Write("assembly_place_offered", frozenset({("selected", None)}), _offered),
    MessageKind.NOT_SELECTED: _Write("assembly_not_selected", frozenset({("registered", None)}), _not_drawn),
    MessageKind.PLACE_CONFIRMED: _Write("assembly_place_confirmed", frozenset({("selected", "confirmed")}),
                                        lambda facts, _: _assembly(facts)),
}
BOOKING_KINDS = frozenset(_BOOKING_EMAILS)
REGISTRANT_KINDS = frozenset(_REGISTRANT_EMAILS)
