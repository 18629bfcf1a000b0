import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from peel.common.contracts.notifications.elections import (
    ElectionPeriodCancelled,
    ElectionPeriodEnded,
    ElectionPeriodRegistered,
    ElectionPeriodStarted,
)
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.notifications.contacts.domain.consents import Category
from peel.notifications.elections.domain.periods import (
    ElectionKind,
    Moment,
    Period,
    PeriodState,
    due_moments,
    new_period,
    uk_midnight,
)
from peel.notifications.elections.service_layer import periods
from peel.notifications.elections.service_layer.periods import Registration
from peel.notifications.messages.domain.checks import Outcome, RecipientFacts, Sending, decide
from tests.support.fake_events import FakeEventsUnitOfWork

NOW = datetime(2028, 3, 1, 12, 0, tzinfo=UTC)
PCC = Registration(ElectionKind.PCC, ("crewe", "nantwich"), date(2028, 3, 27), date(2028, 5, 4))


def period(notice: date = date(2028, 3, 27), poll: date = date(2028, 5, 4), areas: tuple[str, ...] = ()) -> Period:
    return new_period("cheshire", ElectionKind.PCC, areas, notice, poll, "officer", NOW)


class FakePeriods:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Period] = {}

    async def add(self, period: Period) -> None:
        self.rows[period.id] = period

    async def get(self, tenant: str, period_id: uuid.UUID, for_update: bool = False) -> Period | None:
        found = self.rows.get(period_id)
        return found if found and found.tenant == tenant else None

    async def all(self, tenant: str) -> list[Period]:
        return sorted((p for p in self.rows.values() if p.tenant == tenant), key=lambda p: p.poll_date, reverse=True)

    async def save_cancelled(self, period: Period) -> None:
        self.rows[period.id] = period

    async def to_note(self, now: datetime, limit: int) -> list[Period]:
        return [p for p in self.rows.values() if due_moments(p, now)][:limit]

    async def noted(self, period: Period, moment: Moment, now: datetime) -> None:
        field = "started_noted_at" if moment is Moment.STARTED else "ended_noted_at"
        self.rows[period.id] = replace(self.rows[period.id], **{field: now})


class FakeHeld:
    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    async def counts(self, tenant: str, reason: str) -> dict[str, dict[str, int]]:
        self.asked.append((tenant, reason))
        return {"channel": {"email": 2}, "category": {"subscription": 2}}


class FakeUnitOfWork(FakeEventsUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.periods = FakePeriods()
        self.held = FakeHeld()


def at(moment: datetime):  # a fixed clock
    return lambda: moment


# --- moments: UK midnight, whether GMT or BST -------------------------------------------------------------------

def test_a_period_starts_at_uk_midnight_on_the_notice_date_in_gmt():
    assert period(notice=date(2028, 3, 20)).starts_at == datetime(2028, 3, 20, 0, 0, tzinfo=UTC)


def test_a_period_ends_at_uk_midnight_after_polling_day_in_bst():
    assert period(poll=date(2028, 5, 4)).ends_at == datetime(2028, 5, 4, 23, 0, tzinfo=UTC)


def test_the_clocks_going_forward_inside_the_period_shifts_its_end_by_an_hour_not_its_start():
    across = period(notice=date(2028, 3, 20), poll=date(2028, 4, 6))  # BST from 26 March 2028
    assert across.starts_at == datetime(2028, 3, 20, 0, 0, tzinfo=UTC)
    assert across.ends_at == datetime(2028, 4, 6, 23, 0, tzinfo=UTC)
    assert across.ends_at - across.starts_at == timedelta(days=18) - timedelta(hours=1)


def test_the_clocks_going_back_inside_the_period_lengthens_it_by_an_hour():
    autumn = period(notice=date(2028, 10, 2), poll=date(2028, 11, 2))  # GMT from 29 October 2028
    assert autumn.starts_at == datetime(2028, 10, 1, 23, 0, tzinfo=UTC)
    assert autumn.ends_at == datetime(2028, 11, 3, 0, 0, tzinfo=UTC)


def test_uk_midnight_on_the_day_the_clocks_change():
    assert uk_midnight(date(2028, 3, 26)) == datetime(2028, 3, 26, 0, 0, tzinfo=UTC)
    assert uk_midnight(date(2028, 3, 27)) == datetime(2028, 3, 26, 23, 0, tzinfo=UTC)


def test_a_by_election_on_the_day_of_its_notice_lasts_that_day():
    same_day = period(notice=date(2028, 1, 13), poll=date(2028, 1, 13))
    assert same_day.ends_at - same_day.starts_at == timedelta(days=1)


def test_state_follows_the_moments_and_a_cancellation():
    p = period(notice=date(2028, 3, 27), poll=date(2028, 5, 4))
    assert p.state(p.starts_at - timedelta(seconds=1)) is PeriodState.UPCOMING
    assert p.state(p.starts_at) is PeriodState.IN_FORCE
    assert p.state(p.ends_at - timedelta(seconds=1)) is PeriodState.IN_FORCE
    assert p.state(p.ends_at) is PeriodState.PAST
    assert p.cancel("admin", "error", NOW).state(p.starts_at) is PeriodState.CANCELLED


# --- validation ------------------------------------------------------------------------------------------------

def test_polling_day_before_the_notice_is_refused_naming_the_field():
    with pytest.raises(InvalidInput) as refused:
        period(notice=date(2028, 5, 4), poll=date(2028, 5, 3))
    assert [error.location for error in refused.value.errors] == [("poll_date",)]


def test_polling_day_long_after_the_notice_is_refused():
    with pytest.raises(InvalidInput):
        period(notice=date(2028, 1, 1), poll=date(2028, 6, 1))


def test_areas_are_kept_once_each_in_order():
    assert period(areas=("crewe", "nantwich", "crewe")).areas == ("crewe", "nantwich")


# --- areas and the messages rule --------------------------------------------------------------------------------

def test_a_period_without_areas_covers_the_whole_office():
    assert period().covers(frozenset()) and period().covers(frozenset({"crewe"}))


def test_a_period_with_areas_covers_contacts_in_any_of_them_only():
    local = period(areas=("crewe", "nantwich"))
    assert local.covers(frozenset({"nantwich", "macclesfield"}))
    assert not local.covers(frozenset({"macclesfield"}))
    assert not local.covers(frozenset())


def test_as_checked_a_subscription_message_in_the_area_is_held_until_the_end_and_a_service_one_goes():
    local = period(areas=("crewe",))
    inside = local.starts_at + timedelta(days=3)
    facts = RecipientFacts(consent_given=True, areas=frozenset({"crewe"}))
    held = decide(Sending(Category.SUBSCRIPTION), facts, [local.checked()], inside)
    assert (held.outcome, held.reason, held.held_until) == (Outcome.HOLD, f"election:{local.id}", local.ends_at)
    assert decide(Sending(Category.SERVICE), facts, [local.checked()], inside).outcome is Outcome.SEND
    elsewhere = replace(facts, areas=frozenset({"macclesfield"}))
    assert decide(Sending(Category.SUBSCRIPTION), elsewhere, [local.checked()], inside).outcome is Outcome.SEND


def test_publicity_that_is_not_a_subscription_is_held_too():
    whole = period()
    facts = RecipientFacts(consent_given=False)
    inside = whole.starts_at + timedelta(hours=1)
    assert decide(Sending(Category.STAKEHOLDER, publicity=True), facts, [whole.checked()], inside).outcome \
        is Outcome.HOLD
    assert decide(Sending(Category.STAKEHOLDER), facts, [whole.checked()], inside).outcome is Outcome.SEND


# --- moments noted once ------------------------------------------------------------------------------------------

def test_due_moments_are_those_passed_and_not_noted():
    p = period()
    assert due_moments(p, p.starts_at - timedelta(seconds=1)) == ()
    assert due_moments(p, p.starts_at) == (Moment.STARTED,)
    assert due_moments(p, p.ends_at) == (Moment.STARTED, Moment.ENDED)
    assert due_moments(replace(p, started_noted_at=p.starts_at), p.ends_at) == (Moment.ENDED,)
    assert due_moments(p.cancel("admin", "error", NOW), p.ends_at) == ()


async def test_start_and_end_are_announced_once_each():
    uow = FakeUnitOfWork()
    registered = await periods.register_period(uow, "cheshire", PCC, "officer", at(NOW))
    assert await periods.note_due_moments(uow, at(registered.starts_at - timedelta(minutes=1))) == 0
    assert await periods.note_due_moments(uow, at(registered.starts_at)) == 1
    assert await periods.note_due_moments(uow, at(registered.starts_at + timedelta(hours=1))) == 0
    assert await periods.note_due_moments(uow, at(registered.ends_at)) == 1
    assert await periods.note_due_moments(uow, at(registered.ends_at + timedelta(days=1))) == 0
    kinds = [type(event) for event, _ in uow.published]
    assert kinds == [ElectionPeriodRegistered, ElectionPeriodStarted, ElectionPeriodEnded]
    assert all(tenant == "cheshire" for _, tenant in uow.published)


async def test_a_cancelled_period_is_announced_no_more():
    uow = FakeUnitOfWork()
    registered = await periods.register_period(uow, "cheshire", PCC, "officer", at(NOW))
    await periods.cancel_period(uow, "cheshire", registered.id, "called off", "admin", at(NOW))
    assert await periods.note_due_moments(uow, at(registered.ends_at)) == 0
    assert [type(event) for event, _ in uow.published] == [ElectionPeriodRegistered, ElectionPeriodCancelled]


# --- use cases ---------------------------------------------------------------------------------------------------

async def test_registering_records_the_period_and_its_event_without_anyone_named():
    uow = FakeUnitOfWork()
    registered = await periods.register_period(uow, "cheshire", PCC, "officer", at(NOW))
    assert uow.periods.rows[registered.id].areas == ("crewe", "nantwich")
    event, tenant = uow.published[0]
    assert isinstance(event, ElectionPeriodRegistered) and tenant == "cheshire"
    assert (event.starts_at, event.ends_at) == (registered.starts_at, registered.ends_at)
    assert "officer" not in event.model_dump_json()


async def test_cancelling_keeps_who_and_why_and_twice_is_a_conflict():
    uow = FakeUnitOfWork()
    registered = await periods.register_period(uow, "cheshire", PCC, "officer", at(NOW))
    cancelled = await periods.cancel_period(uow, "cheshire", registered.id, "registered twice", "admin", at(NOW))
    assert (cancelled.cancellation.by, cancelled.cancellation.reason) == ("admin", "registered twice")
    assert uow.periods.rows[registered.id].cancellation == cancelled.cancellation
    with pytest.raises(Conflict):
        await periods.cancel_period(uow, "cheshire", registered.id, "again", "admin", at(NOW))


async def test_another_tenants_period_is_not_found():
    uow = FakeUnitOfWork()
    registered = await periods.register_period(uow, "cheshire", PCC, "officer", at(NOW))
    with pytest.raises(NotFound):
        await periods.get_period(uow, "dyfed-powys", registered.id)
    with pytest.raises(NotFound):
        await periods.cancel_period(uow, "dyfed-powys", registered.id, "mine", "admin", at(NOW))
    with pytest.raises(NotFound):
        await periods.held_for(uow, "dyfed-powys", registered.id)
    assert await periods.list_periods(uow, "dyfed-powys") == []


async def test_listing_by_state():
    uow = FakeUnitOfWork()
    upcoming = await periods.register_period(uow, "cheshire", PCC, "officer", at(NOW))
    past = await periods.register_period(uow, "cheshire", Registration(ElectionKind.LOCAL, (), date(2027, 4, 1),
                                                                       date(2027, 5, 6)), "officer", at(NOW))
    assert [p.id for p in await periods.list_periods(uow, "cheshire", None, at(NOW))] == [upcoming.id, past.id]
    assert [p.id for p in await periods.list_periods(uow, "cheshire", PeriodState.PAST, at(NOW))] == [past.id]
    assert await periods.list_periods(uow, "cheshire", PeriodState.IN_FORCE, at(NOW)) == []


async def test_held_counts_are_asked_by_the_periods_reason():
    uow = FakeUnitOfWork()
    registered = await periods.register_period(uow, "cheshire", PCC, "officer", at(NOW))
    found, counts = await periods.held_for(uow, "cheshire", registered.id)
    assert found.id == registered.id and counts["channel"] == {"email": 2}
    assert uow.held.asked == [("cheshire", f"election:{registered.id}")]


@pytest.mark.parametrize(("notice", "poll", "field"), [
    (date(1, 1, 1), date(1, 1, 2), "notice_date"),
    (date(9999, 12, 30), date(9999, 12, 31), "notice_date"),
    (date(2199, 12, 30), date(2200, 1, 1), "poll_date"),
])
def test_dates_out_of_any_sensible_range_are_refused_naming_the_field(notice, poll, field):
    with pytest.raises(InvalidInput) as refused:
        period(notice=notice, poll=poll)
    assert [error.location for error in refused.value.errors] == [(field,)]
