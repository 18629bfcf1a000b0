"""Which emails scheduling's events ask for, in what order, and what each says."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from peel.common.contracts.assemblies import MemberReplied, MembersReplaced, MembersSelected, RegistrantErased
from peel.common.contracts.scheduling import (
    BookingCancelled,
    BookingConfirmed,
    BookingRescheduled,
    WaitlistJoined,
    WaitlistPromoted,
)
from peel.notifications.templates.domain.templates import check_personalisation, render, template_for
from peel.scheduling.assemblies.domain.registration import FormKey
from peel.scheduling.messages.domain.message_emails import (
    BOOKING_KINDS,
    REGISTRANT_KINDS,
    BookingFacts,
    Links,
    RegistrantFacts,
    booking_email,
    registrant_email,
)
from peel.scheduling.messages.domain.messages import (
    EVERY_KIND,
    REMINDERS,
    Cause,
    MessageKind,
    Reminders,
    asked_by,
    not_drawn,
)
from peel.scheduling.messages.service_layer.messages import ask_for_messages
from peel.scheduling.settings import SchedulingSettings
from peel.scheduling.surgeries.domain.links import LinkKey

NOW = datetime(2027, 2, 1, 9, tzinfo=UTC)
STARTS = datetime(2027, 2, 10, 10, tzinfo=UTC)
REMINDERS_24H = Reminders()
LINKS = Links("https://peel.example/", {"gwent": "https://www.gwent-pcc.example"}, LinkKey(b"k" * 32),
              FormKey(b"f" * 32))
BOOKING, SESSION, ASSEMBLY = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def slot(**more: object) -> dict:
    return {"booking_id": BOOKING, "session_id": SESSION, "slot": 2, "slot_starts_at": STARTS,
            "slot_ends_at": STARTS + timedelta(minutes=15), **more}


def confirmed(starts: datetime = STARTS, at: datetime = NOW) -> BookingConfirmed:
    return BookingConfirmed(**slot(slot_starts_at=starts), area="crewe", topic_category="road_safety",
                            confirmed_at=at)


def cause(event, number: int = 1) -> Cause:
    return Cause(f"event-{number}", "cheshire", event)


def kinds(asked) -> list[tuple[MessageKind, uuid.UUID, datetime | None]]:
    return [(m.kind, m.about, m.due_at) for m in asked.send]


def test_a_booking_asks_for_its_confirmation_at_once_and_a_reminder_a_day_before():
    asked = asked_by(cause(confirmed()), REMINDERS_24H)
    assert kinds(asked) == [(MessageKind.BOOKING_CONFIRMED, BOOKING, None),
                            (MessageKind.BOOKING_REMINDER, BOOKING, STARTS - timedelta(hours=24))]
    assert asked.drop is None and asked.pool_not_drawn is None


@pytest.mark.parametrize(("starts_in", "reminded"), [(timedelta(hours=26), True), (timedelta(hours=25, minutes=59),
                                                                                   False), (timedelta(hours=3), False)])
def test_no_reminder_when_the_appointment_is_too_close_to_the_booking(starts_in, reminded):
    asked = asked_by(cause(confirmed(NOW + starts_in)), REMINDERS_24H)
    assert (MessageKind.BOOKING_REMINDER in {m.kind for m in asked.send}) is reminded


def test_a_move_drops_the_old_reminder_and_asks_for_a_new_one_a_cancellation_only_drops_it():
    later = STARTS + timedelta(days=1)
    moved = asked_by(cause(BookingRescheduled(**slot(slot_starts_at=later), previous_slot=1, rescheduled_at=NOW)),
                     REMINDERS_24H)
    assert moved.drop == (BOOKING, REMINDERS)
    assert kinds(moved) == [(MessageKind.BOOKING_MOVED, BOOKING, None),
                            (MessageKind.BOOKING_REMINDER, BOOKING, later - timedelta(hours=24))]
    cancelled = asked_by(cause(BookingCancelled(**slot(), cancelled_by="booker", cancelled_at=NOW)), REMINDERS_24H)
    assert cancelled.drop == (BOOKING, REMINDERS) and kinds(cancelled) == [(MessageKind.BOOKING_CANCELLED, BOOKING,
                                                                            None)]


def test_assembly_events_offer_places_and_tell_the_rest_of_the_pool():
    members, run = [uuid.uuid4(), uuid.uuid4()], uuid.uuid4()
    stats = {"assembly_id": ASSEMBLY, "run_id": run, "algorithm": "leximin", "seed": 7, "pool_size": 9,
             "min_probability": 0.1, "max_probability": 0.3, "gini": 0.1}
    selected = asked_by(cause(MembersSelected(**stats, members=members, selected_at=NOW)), REMINDERS_24H)
    assert [m.about for m in selected.send] == members and selected.pool_not_drawn == ASSEMBLY
    assert {m.kind for m in selected.send} == {MessageKind.PLACE_OFFERED}
    replaced = asked_by(cause(MembersReplaced(**stats, dropouts=members[:1], replacements=members[1:],
                                              replaced_at=NOW)), REMINDERS_24H)
    assert kinds(replaced) == [(MessageKind.PLACE_OFFERED, members[1], None)] and replaced.pool_not_drawn is None
    yes = MemberReplied(assembly_id=ASSEMBLY, registrant_id=members[0], reply="confirmed", replied_at=NOW)
    assert kinds(asked_by(cause(yes), REMINDERS_24H)) == [(MessageKind.PLACE_CONFIRMED, members[0], None)]
    assert asked_by(cause(yes.model_copy(update={"reply": "declined"})), REMINDERS_24H).send == ()
    erased = asked_by(cause(RegistrantErased(assembly_id=ASSEMBLY, registrant_id=members[0], erased_at=NOW)),
                      REMINDERS_24H)
    assert erased.drop == (members[0], EVERY_KIND) and erased.send == ()


def test_a_promotion_is_told_by_its_booking_confirmation_so_the_promotion_itself_asks_nothing():
    promoted = WaitlistPromoted(**slot(), area="crewe", topic_category="other", promoted_at=NOW)
    assert asked_by(cause(promoted), REMINDERS_24H).send == ()


def test_an_event_handled_twice_asks_for_the_same_message_ids():
    first, again, other = (asked_by(cause(confirmed(), n), REMINDERS_24H) for n in (1, 1, 2))
    assert first.send == again.send and not set(first.send) & set(other.send)
    pool = [uuid.uuid4(), uuid.uuid4()]
    assert not_drawn(cause(confirmed()), pool) == not_drawn(cause(confirmed()), pool)


class Book:
    def __init__(self, pool: list[uuid.UUID]) -> None:
        self.steps: list[tuple] = []
        self.pool = pool

    async def ask(self, messages) -> None:
        batch = [(m.kind, m.about) for m in messages]
        if batch:
            self.steps.append(("ask", batch))

    async def drop(self, about, kinds) -> None:
        self.steps.append(("drop", about, set(kinds)))

    async def still_in_pool(self, assembly_id) -> list[uuid.UUID]:
        return self.pool


async def test_asks_are_batched_but_never_moved_past_a_drop():
    book, waiting = Book([]), WaitlistJoined(booking_id=uuid.uuid4(), session_id=SESSION, area="crewe",
                                             topic_category="other", joined_at=NOW)
    events = [confirmed(), BookingCancelled(**slot(), cancelled_by="booker", cancelled_at=NOW), waiting]
    await ask_for_messages(book, [cause(e, n) for n, e in enumerate(events)], REMINDERS_24H)
    assert book.steps == [
        ("ask", [(MessageKind.BOOKING_CONFIRMED, BOOKING), (MessageKind.BOOKING_REMINDER, BOOKING)]),
        ("drop", BOOKING, {MessageKind.BOOKING_REMINDER}),
        ("ask", [(MessageKind.BOOKING_CANCELLED, BOOKING), (MessageKind.WAITLIST_JOINED, waiting.booking_id)]),
    ]


def booking_facts(**changes: object) -> BookingFacts:
    facts = {"tenant": "cheshire", "booking_id": BOOKING, "status": "confirmed", "name": "Jo Bloggs",
             "email": "jo@example.org", "from_waitlist": False, "starts_at": STARTS, "minutes": 15,
             "host": "The Commissioner", "venue": "Crewe Library, Prince Albert Street", "routes": (),
             "cancelled_by": None, "session_cancel_reason": None}
    return BookingFacts(**{**facts, **changes})


def rendered(email) -> str:
    template = template_for(email.template)
    check_personalisation(template, email.personalisation)
    text = render(template, email.personalisation)
    return f"{text.subject}\n{text.body}"


def test_the_confirmation_carries_the_signed_links_the_guidance_and_both_languages():
    email = booking_email(MessageKind.BOOKING_CONFIRMED, uuid.uuid4(),
                          booking_facts(routes=("professional_standards",)), LINKS, NOW)
    token = LINKS.bookings.token("cheshire", BOOKING)
    assert (email.email_address, email.template) == ("jo@example.org", "surgery_booking_confirmed")
    text = rendered(email)
    assert f"https://peel.example/en/bookings/{BOOKING}/cancel?token={token}" in text
    assert f"https://peel.example/cy/bookings/{BOOKING}/cancel?token={token}" in text
    assert f"/en/bookings/{BOOKING}/calendar.ics?token={token}" in text
    assert "10 February 2027 at 10:00" in text and "10 Chwefror 2027 am 10:00" in text
    assert "Professional Standards" in text and "Crewe Library" in text and "15 munud" in text
    assert "Your appointment with the Commissioner's surgery is booked." in text
    promoted = rendered(booking_email(MessageKind.BOOKING_CONFIRMED, uuid.uuid4(), booking_facts(from_waitlist=True),
                                      LINKS, NOW))
    assert "A slot has become free" in promoted and "Professional Standards" not in promoted


def test_a_tenants_own_address_starts_its_links():
    email = booking_email(MessageKind.BOOKING_REMINDER, uuid.uuid4(), booking_facts(tenant="gwent"), LINKS, NOW)
    assert email.personalisation["cancel_url"].startswith(f"https://www.gwent-pcc.example/en/bookings/{BOOKING}/")
    assert LINKS.bookings.opens("gwent", BOOKING, email.personalisation["cancel_url"].split("token=")[1])


@pytest.mark.parametrize(("kind", "status"), [
    (MessageKind.BOOKING_CONFIRMED, "cancelled"), (MessageKind.BOOKING_REMINDER, "cancelled"),
    (MessageKind.BOOKING_MOVED, "attended"), (MessageKind.BOOKING_CANCELLED, "confirmed"),
    (MessageKind.WAITLIST_JOINED, "confirmed"),
])
def test_an_email_that_no_longer_fits_the_booking_is_not_written(kind, status):
    assert booking_email(kind, uuid.uuid4(), booking_facts(status=status), LINKS, NOW) is None


@pytest.mark.parametrize("erased", [{"email": None}, {"name": None, "email": None}])
def test_an_erased_or_phone_only_booker_gets_no_email(erased):
    assert booking_email(MessageKind.BOOKING_CONFIRMED, uuid.uuid4(), booking_facts(**erased), LINKS, NOW) is None


def test_a_cancelled_surgery_gives_its_reason_and_a_waitlist_place_its_leave_link():
    text = rendered(booking_email(MessageKind.BOOKING_CANCELLED, uuid.uuid4(), booking_facts(
        status="cancelled", cancelled_by="session_cancelled", session_cancel_reason="the host is unwell", venue=None),
        LINKS, NOW))
    assert "The surgery was cancelled: the host is unwell." in text and "Online" in text
    waiting = rendered(booking_email(MessageKind.WAITLIST_JOINED, uuid.uuid4(), booking_facts(status="waiting"),
                                     LINKS, NOW))
    assert f"/en/waitlist/{BOOKING}/leave?token=" in waiting


def registrant(**changes: object) -> RegistrantFacts:
    facts = {"tenant": "cheshire", "registrant_id": uuid.uuid4(), "assembly_id": ASSEMBLY, "status": "registered",
             "reply": None, "name": "Sam Jones", "email": "sam@example.org", "title": ("Safer nights", None),
             "replacement_deadline": date(2027, 4, 30)}
    return RegistrantFacts(**{**facts, **changes})


def test_registrants_are_told_how_to_withdraw_reply_and_whether_they_were_drawn():
    person = registrant()
    token = LINKS.registrations.withdrawal_token("cheshire", person.registrant_id)
    registered = rendered(registrant_email(MessageKind.REGISTERED, uuid.uuid4(), person, LINKS))
    assert f"/registrations/{person.registrant_id}/withdraw?token={token}" in registered
    not_drawn_text = rendered(registrant_email(MessageKind.NOT_SELECTED, uuid.uuid4(), person, LINKS))
    assert "30 April 2027" in not_drawn_text and "30 Ebrill 2027" in not_drawn_text
    offer = rendered(registrant_email(MessageKind.PLACE_OFFERED, uuid.uuid4(), registrant(status="selected"), LINKS))
    assert "/take-place?token=" in offer and "/decline-place?token=" in offer and "Safer nights" in offer
    assert registrant_email(MessageKind.PLACE_OFFERED, uuid.uuid4(), registrant(status="selected",
                                                                                reply="declined"), LINKS) is None
    assert registrant_email(MessageKind.NOT_SELECTED, uuid.uuid4(), registrant(status="withdrawn"), LINKS) is None
    assert registrant_email(MessageKind.REGISTERED, uuid.uuid4(), registrant(status="selected"), LINKS)
    assert registrant_email(MessageKind.REGISTERED, uuid.uuid4(), registrant(status="withdrawn"), LINKS) is None
    assert registrant_email(MessageKind.REGISTERED, uuid.uuid4(), registrant(email=None), LINKS) is None


def test_every_kind_of_message_has_its_email_and_every_email_its_template():
    assert BOOKING_KINDS | REGISTRANT_KINDS == EVERY_KIND and not BOOKING_KINDS & REGISTRANT_KINDS


def test_outside_development_scheduling_needs_real_notifications_tokens(monkeypatch):
    for name, value in {"PEEL_ENVIRONMENT": "production", "PEEL_PG_PASSWORD": "a-real-secret-from-the-vault",
                        "PEEL_AUTH_JWKS_URL": "https://login.example.police.uk/jwks",
                        "PEEL_SCHEDULING_LINK_SECRET": "a-real-link-secret-of-32-characters-or-more",
                        "PEEL_SCHEDULING_NOTIFICATIONS_URL": "http://notifications:8103"}.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match="PEEL_SCHEDULING_NOTIFICATIONS_TOKENS is required"):
        SchedulingSettings()
    monkeypatch.setenv("PEEL_SCHEDULING_NOTIFICATIONS_TOKENS", '{"cheshire": "eyJ.a-real.token"}')
    assert SchedulingSettings().service_tokens().for_tenant("cheshire") == "eyJ.a-real.token"
    assert SchedulingSettings().service_tokens().subject == "peel-scheduling"


def test_no_email_about_an_appointment_that_has_started():
    facts = booking_facts()
    assert booking_email(MessageKind.BOOKING_REMINDER, uuid.uuid4(), facts, LINKS, STARTS - timedelta(minutes=1))
    assert booking_email(MessageKind.BOOKING_REMINDER, uuid.uuid4(), facts, LINKS, STARTS) is None


# Given by the office or the resident in one language only: the name, host, time, venue (online is ours).
OWN_WORDS = frozenset({"name", "host", "starts_at"})
BOOKING_STATUS = {MessageKind.BOOKING_CANCELLED: "cancelled", MessageKind.WAITLIST_JOINED: "waiting"}
REGISTRANT_STATE = {MessageKind.PLACE_OFFERED: {"status": "selected"},
                    MessageKind.PLACE_CONFIRMED: {"status": "selected", "reply": "confirmed"}}


def every_email() -> list:
    both_routes = ("professional_standards", "victim_services")
    bookings = [booking_email(kind, uuid.uuid4(), booking_facts(status=BOOKING_STATUS.get(kind, "confirmed"),
                                                                venue=None, routes=both_routes), LINKS, NOW)
                for kind in BOOKING_KINDS]
    registrants = [registrant_email(kind, uuid.uuid4(), registrant(title=("Safer nights", "Nosweithiau mwy diogel"),
                                                                   **REGISTRANT_STATE.get(kind, {})), LINKS)
                   for kind in REGISTRANT_KINDS]
    return bookings + registrants


@pytest.mark.parametrize("email", every_email(), ids=lambda email: email.template)
def test_the_welsh_half_of_every_email_is_welsh(email):
    values = email.personalisation
    for name in template_for(email.template).placeholders:
        if name.name in OWN_WORDS:
            continue
        english, welsh = values[name.name], values.get(f"{name.name}_cy")
        assert welsh, f"{name.name} has no Welsh"
        assert not [part for part in english.split("\n\n") if part in welsh], f"{name.name} repeats the English"
