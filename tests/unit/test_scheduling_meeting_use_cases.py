"""Neighbourhood meetings' use cases over fake units of work: changes, outcomes, a quarter's plan, tenancy, and
the fields named when something is wrong."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.scheduling.meetings.domain.meetings import MeetingDetails, MeetingType, Organiser, Outcome, Topic, When
from peel.scheduling.meetings.domain.meetings_plan import Attendee, Quarter
from peel.scheduling.meetings.service_layer import meetings, meetings_plan
from tests.support.scheduling_recruitment import Clock
from tests.unit.scheduling_fakes.meetings import fake_meeting_work

START = datetime(2027, 3, 1, 9, tzinfo=UTC)
ORGANISER = Organiser("Sergeant Amelia Pryce", "pact.crewe@example.org", "01270 555 0101")
TOPICS = [Topic("asb", "Anti-social behaviour"), Topic("roads", "Road safety")]
OUTCOME = Outcome(True, ("commissioner",), ("asb", "roads"), ("Speeding outside Mr Jones's house",), START)


def meeting(area: str, day: str, starts: time = time(19), ends: time = time(20, 30), **changes) -> MeetingDetails:
    details = MeetingDetails(MeetingType.PACT, area, When(date.fromisoformat(day), starts, ends), ORGANISER,
                             venue_text=f"{area} Community Centre, Room 2")
    return replace(details, **changes)


async def test_a_cancelled_meeting_cannot_be_changed():
    uow, clock = fake_meeting_work(), Clock(START)
    later = await meetings.add_meeting(uow, "cheshire", meeting("Crewe", "2027-04-20"), clock)
    await meetings.cancel_meeting(uow, "cheshire", later.id, "Hall flooded", clock)
    with pytest.raises(Conflict):
        await meetings.update_meeting(uow, "cheshire", later.id, meeting("Crewe", "2027-04-21"), clock)


async def test_what_happened_is_recorded_after_the_start_with_known_topics_and_someone_who_went():
    uow, clock = fake_meeting_work(), Clock(START)
    held = await meetings.add_meeting(uow, "cheshire", meeting("Crewe", "2027-02-10"), clock)
    coming = await meetings.add_meeting(uow, "cheshire", meeting("Crewe", "2027-03-22"), clock)
    await meetings_plan.set_topics(uow, "cheshire", TOPICS, clock)
    await meetings_plan.set_attendees(uow, "cheshire", [Attendee("commissioner", "Commissioner")], clock)
    with pytest.raises(Conflict):
        await meetings.record_outcome(uow, "cheshire", coming.id, OUTCOME)
    with pytest.raises(InvalidInput) as unknown:
        await meetings.record_outcome(uow, "cheshire", held.id, replace(OUTCOME, topics=("asb", "potholes")))
    assert unknown.value.errors[0].location == ("topics", 1)
    with pytest.raises(InvalidInput) as nobody:
        await meetings.record_outcome(uow, "cheshire", held.id, replace(OUTCOME, attendees=()))
    assert nobody.value.errors[0].location == ("attendees",)
    recorded = await meetings.record_outcome(uow, "cheshire", held.id, OUTCOME)
    assert recorded.outcome.topics == ("asb", "roads")


async def test_a_plan_names_each_clashing_or_unknown_assignment_and_unconfirmed_quarters_are_not_found():
    uow, clock = fake_meeting_work(), Clock(START)
    people = [Attendee("commissioner", "Commissioner"),
              Attendee("deputy", "Deputy Commissioner", frozenset({date(2027, 5, 11)}))]
    await meetings_plan.set_attendees(uow, "cheshire", people, clock)
    crewe, chester, warrington, clash = [await meetings.add_meeting(uow, "cheshire", details, clock) for details in (
        meeting("Crewe", "2027-04-13"), meeting("Chester", "2027-04-20"), meeting("Warrington", "2027-05-11"),
        meeting("Chester", "2027-05-11", time(19, 30), time(21)))]
    given = [(crewe.id, "deputy"), (warrington.id, "commissioner"), (clash.id, "commissioner"),
             (chester.id, "nobody")]
    with pytest.raises(InvalidInput) as refused:
        await meetings_plan.confirm(uow, "cheshire", Quarter.parse("2027-Q2"), given, clock)
    assert [(e.location, e.code) for e in refused.value.errors] == [
        (("assignments", 2, "meeting_id"), "clash"), (("assignments", 3, "attendee"), "unknown_attendee")]
    assert uow.plans.rows == {}
    with pytest.raises(NotFound):
        await meetings_plan.confirmed(uow, "cheshire", Quarter.parse("2027-Q3"))


async def test_meetings_stay_with_their_tenant():
    uow, clock = fake_meeting_work(), Clock(START)
    created = await meetings.add_meeting(uow, "cheshire", meeting("Crewe", "2027-04-13"), clock)
    with pytest.raises(NotFound):
        await meetings.find_meeting(uow, "dyfed-powys", created.id)
    with pytest.raises(NotFound):
        await meetings.cancel_meeting(uow, "dyfed-powys", created.id, "x", clock)
    assert (await meetings.around(uow, "dyfed-powys", "crewe", clock)).next is None
    assert (await meetings.around(uow, "cheshire", "crewe", clock)).next == created


async def test_bad_meetings_topics_and_date_ranges_are_named():
    uow, clock = fake_meeting_work(), Clock(START)
    created = await meetings.add_meeting(uow, "cheshire", meeting("Crewe", "2027-04-13"), clock)
    cases = [(meeting("Crewe", "2027-04-13", starts=time(20), ends=time(19)), ("ends",)),
             (meeting("Crewe", "2027-04-13", venue_id=created.id), ("venue_id",)),
             (meeting("Crewe", "2027-04-13", venue_text=None, venue_id=created.id), ("venue_id",))]
    for details, where in cases:
        with pytest.raises(InvalidInput) as refused:
            await meetings.add_meeting(uow, "cheshire", details, clock)
        assert refused.value.errors[0].location == where
    twice = [Topic("asb", "ASB"), Topic("asb", "Anti-social behaviour")]
    with pytest.raises(InvalidInput) as repeated:
        await meetings_plan.set_topics(uow, "cheshire", twice, clock)
    assert repeated.value.errors[0].location == ("topics", 1, "key")
    with pytest.raises(InvalidInput):
        await meetings.list_meetings(uow, "cheshire", None, date(2027, 5, 1), date(2027, 4, 1))
    assert list(uow.meetings.rows) == [created.id]


async def test_a_confirmed_plan_is_stored_with_a_new_version_and_published_without_names():
    uow, clock = fake_meeting_work(), Clock(START)
    await meetings_plan.set_attendees(uow, "cheshire", [Attendee("commissioner", "Commissioner")], clock)
    crewe = await meetings.add_meeting(uow, "cheshire", meeting("Crewe", "2027-04-13"), clock)
    chester = await meetings.add_meeting(uow, "cheshire", meeting("Chester", "2027-04-20"), clock)
    quarter = Quarter.parse("2027-Q2")
    proposed = await meetings_plan.proposal(uow, "cheshire", quarter)
    assert {(a.area, a.attendee) for a in proposed.assignments} == {("Crewe", "commissioner"),
                                                                     ("Chester", "commissioner")}
    first = await meetings_plan.confirm(uow, "cheshire", quarter, [(crewe.id, "commissioner")], clock)
    assert first["version"] == 1 and first["uncovered"] == [{"area": "Chester", "reason": "not_assigned"}]
    again = await meetings_plan.confirm(uow, "cheshire", quarter, [(chester.id, "commissioner")], clock)
    assert again["version"] == 2 and await meetings_plan.confirmed(uow, "cheshire", quarter) == again
    [_, event] = [e for e, _ in uow.published if e.type_name.endswith("meeting_attendance.planned.v1")]
    assert [a.meeting_id for a in event.assignments] == [chester.id] and "Pryce" not in event.model_dump_json()
