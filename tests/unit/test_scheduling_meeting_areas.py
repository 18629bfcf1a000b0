"""Every area's last and next public meetings at once, as the office's meetings page lists them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

from peel.scheduling.meetings.domain.meetings import MeetingDetails, MeetingType, Organiser, When
from peel.scheduling.meetings.service_layer import meetings
from tests.support.scheduling_recruitment import Clock
from tests.unit.scheduling_fakes.meetings import fake_meeting_work

START = datetime(2027, 3, 1, 9, tzinfo=UTC)
ORGANISER = Organiser("Sergeant Amelia Pryce", "pact.crewe@example.org", "01270 555 0101")


def meeting(area: str, day: str, **changes: object) -> MeetingDetails:
    details = MeetingDetails(MeetingType.PACT, area, When(date.fromisoformat(day), time(19), time(20, 30)), ORGANISER,
                             venue_text=f"{area} Community Centre")
    return replace(details, **changes)


async def test_each_area_with_a_public_meeting_has_its_last_and_next_in_area_name_order():
    uow, clock = fake_meeting_work(), Clock(START)
    add = [meetings.add_meeting(uow, "cheshire", meeting(area, day), clock) for area, day in
           [("Crewe", "2027-02-10"), ("crewe ", "2027-03-20"), ("Crewe", "2027-04-20"), ("Widnes", "2027-01-05"),
            ("Chester", "2027-03-12")]]
    held, coming, _, widnes, chester = [await added for added in add]
    await meetings.add_meeting(uow, "cheshire", meeting("Crewe", "2027-03-05", public=False), clock)
    await meetings.add_meeting(uow, "cheshire", meeting("Nantwich", "2027-03-06", public=False), clock)
    cancelled = await meetings.add_meeting(uow, "cheshire", meeting("Macclesfield", "2027-03-07"), clock)
    await meetings.cancel_meeting(uow, "cheshire", cancelled.id, "Hall flooded", clock)
    await meetings.add_meeting(uow, "dyfed-powys", meeting("Aberystwyth", "2027-03-08"), clock)

    found = await meetings.every_area(uow, "cheshire", clock)

    assert [(a.area, a.last, a.next) for a in found] == [
        ("Chester", None, chester), ("Crewe", held, coming), ("Widnes", widnes, None)]


async def test_an_office_without_public_meetings_lists_no_area():
    uow, clock = fake_meeting_work(), Clock(START)
    await meetings.add_meeting(uow, "cheshire", meeting("Crewe", "2027-03-05", public=False), clock)
    assert await meetings.every_area(uow, "cheshire", clock) == []
