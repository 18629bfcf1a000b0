"""Neighbourhood meeting use cases: staff add, change, cancel, list and record them; anyone sees an area's."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from peel.common.contracts.meetings import (
    MeetingAttended,
    MeetingCancelled,
    MeetingNotAttended,
    MeetingScheduled,
    MeetingUpdated,
)
from peel.common.errors import FieldError, InvalidInput, NotFound
from peel.scheduling.clock import Clock
from peel.scheduling.meetings.domain.meetings import (
    Meeting,
    MeetingDetails,
    Outcome,
    check_outcome,
    every_area_last_and_next,
    last_and_next,
)
from peel.scheduling.meetings.service_layer.ports import MeetingUnitOfWork
from peel.scheduling.venues.domain.venues import Venue


@dataclass(frozen=True, slots=True)
class Around:
    """An area's last and next public meetings, with the venues they are held at."""

    area: str
    last: Meeting | None
    next: Meeting | None
    venues: dict[uuid.UUID, Venue]


async def add_meeting(uow: MeetingUnitOfWork, tenant: str, details: MeetingDetails, now: Clock) -> Meeting:
    async with uow:
        await _check_venue(uow, tenant, details)
        meeting = Meeting.create(tenant, details, now())
        await uow.meetings.add(meeting)
        uow.emit(MeetingScheduled(**_facts(meeting)), tenant)
        await uow.commit()
    return meeting


async def update_meeting(uow: MeetingUnitOfWork, tenant: str, meeting_id: uuid.UUID, details: MeetingDetails,
                         now: Clock) -> Meeting:
    async with uow:
        await _check_venue(uow, tenant, details)
        meeting = (await find_meeting(uow, tenant, meeting_id, lock=True)).update(details, now())
        await uow.meetings.save(meeting)
        uow.emit(MeetingUpdated(**_facts(meeting), version=meeting.version), tenant)
        await uow.commit()
    return meeting


async def cancel_meeting(uow: MeetingUnitOfWork, tenant: str, meeting_id: uuid.UUID, reason: str,
                         now: Clock) -> Meeting:
    async with uow:
        meeting = (await find_meeting(uow, tenant, meeting_id, lock=True)).cancel(reason, now())
        await uow.meetings.save(meeting)
        uow.emit(MeetingCancelled(meeting_id=meeting.id, cancelled_at=meeting.cancelled_at), tenant)
        await uow.commit()
    return meeting


async def list_meetings(uow: MeetingUnitOfWork, tenant: str, area: str | None, since: date | None,
                        until: date | None) -> list[Meeting]:
    if since and until and until < since:
        raise InvalidInput([FieldError(("to",), "is before from", "before_from")])
    async with uow:
        return await uow.meetings.of_tenant(tenant, area, since, until)


async def record_outcome(uow: MeetingUnitOfWork, tenant: str, meeting_id: uuid.UUID, outcome: Outcome) -> Meeting:
    """Whether the office went, who and the topics raised; recording again replaces what was recorded."""
    async with uow:
        attendees = {a.key for a in await uow.settings.attendees(tenant)}
        check_outcome(outcome, attendees, {t.key for t in await uow.settings.topics(tenant)})
        meeting = (await find_meeting(uow, tenant, meeting_id, lock=True)).record(outcome)
        await uow.meetings.save(meeting)
        uow.emit(_outcome_event(meeting, outcome), tenant)
        await uow.commit()
    return meeting


def _outcome_event(meeting: Meeting, outcome: Outcome) -> MeetingAttended | MeetingNotAttended:
    """Every outcome is published, so that one saying nobody went replaces an earlier attendance."""
    if not outcome.attended:
        return MeetingNotAttended(meeting_id=meeting.id, area=meeting.area, recorded_at=outcome.recorded_at)
    return MeetingAttended(meeting_id=meeting.id, area=meeting.area, attendees=list(outcome.attendees),
                           topics=list(outcome.topics), other_topic_count=len(outcome.other_topics),
                           recorded_at=outcome.recorded_at)


async def around(uow: MeetingUnitOfWork, tenant: str, area: str, now: Clock) -> Around:
    async with uow:
        last, upcoming = last_and_next(await uow.meetings.public_around(tenant, area, now()), now())
        venues = {v.id: v for v in await uow.venues.of_tenant(tenant)}
    return Around(area, last, upcoming, venues)


async def every_area(uow: MeetingUnitOfWork, tenant: str, now: Clock) -> list[Around]:
    """Each area with a public meeting: its last and next, ordered by area name."""
    at = now()
    async with uow:
        found = every_area_last_and_next(await uow.meetings.public_around_every_area(tenant, at), at)
        venues = {v.id: v for v in await uow.venues.of_tenant(tenant)}
    return [Around((last or upcoming).area, last, upcoming, venues) for last, upcoming in found]


async def find_meeting(uow: MeetingUnitOfWork, tenant: str, meeting_id: uuid.UUID, lock: bool = False) -> Meeting:
    found = await uow.meetings.get(tenant, meeting_id, lock)
    if found is None:
        raise NotFound(f"no meeting {meeting_id}")
    return found


async def _check_venue(uow: MeetingUnitOfWork, tenant: str, details: MeetingDetails) -> None:
    if details.venue_id is not None and await uow.venues.get(tenant, details.venue_id) is None:
        raise InvalidInput([FieldError(("venue_id",), f"no venue {details.venue_id}", "unknown_venue")])


def _facts(meeting: Meeting) -> dict:
    details = meeting.details
    return {"meeting_id": meeting.id, "meeting_type": details.type.value, "area": details.area,
            "starts_at": details.when.starts_at, "ends_at": details.when.ends_at, "venue_id": details.venue_id,
            "public": details.public}
