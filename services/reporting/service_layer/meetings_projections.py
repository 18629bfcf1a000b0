"""Projects neighbourhood meetings, their quarterly plans, and assemblies' recommendations and meetings
into the read models.

Each projection writes at most one row per key for a batch: the greatest version of a meeting's
facts and of a quarter's plan, the latest outcome recorded (attended or not), the last of what is
stated once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from peel.common.contracts.assemblies import (
    AssemblyMeetingHeld,
    RecommendationMade,
    RecommendationProgressed,
    ResponseGiven,
)
from peel.common.contracts.meetings import (
    AttendancePlanned,
    MeetingAttended,
    MeetingCancelled,
    MeetingNotAttended,
    MeetingScheduled,
    MeetingUpdated,
)
from peel.common.events import Envelope
from peel.reporting.adapters.meetings_writer import MeetingsWriter
from peel.reporting.service_layer.scheduling_projections import Projection, latest_per_key, rows_of


def _facts(envelope: Envelope, version: int) -> tuple:
    e: MeetingScheduled | MeetingUpdated = envelope.data
    return e.meeting_id, envelope.tenant, e.meeting_type, e.area, e.starts_at, e.ends_at, e.public, version


async def meeting_facts(writer: MeetingsWriter, envelopes: Sequence[Envelope]) -> None:
    rows = [_facts(e, getattr(e.data, "version", 1)) for e in envelopes]
    await writer.meeting_facts(latest_per_key(rows, 1, 7))


def _outcome(envelope: Envelope, attended: bool, topics: list[str], other_topics: int) -> tuple:
    e: MeetingAttended | MeetingNotAttended = envelope.data
    return e.meeting_id, envelope.tenant, e.recorded_at, attended, json.dumps(topics), other_topics


def _plan(envelope: Envelope) -> tuple:
    e: AttendancePlanned = envelope.data
    return (envelope.tenant, e.quarter, e.version, e.confirmed_at,
            json.dumps([a.model_dump(mode="json") for a in e.assignments], sort_keys=True),
            json.dumps([u.model_dump(mode="json") for u in e.uncovered], sort_keys=True))


def _recommendation(envelope: Envelope, *values: object) -> tuple:
    e = envelope.data
    return (e.recommendation_id, e.assembly_id, envelope.tenant, e.number, *values)


MEETING_PROJECTIONS: dict[str, Projection] = {
    MeetingScheduled.type_name: meeting_facts,
    MeetingUpdated.type_name: meeting_facts,
    MeetingCancelled.type_name: rows_of(
        MeetingsWriter.meetings_cancelled, lambda e: (e.data.meeting_id, e.tenant, e.data.cancelled_at)),
    MeetingAttended.type_name: rows_of(MeetingsWriter.meeting_outcomes, lambda e: _outcome(
        e, True, e.data.topics, e.data.other_topic_count), at=2),
    MeetingNotAttended.type_name: rows_of(MeetingsWriter.meeting_outcomes, lambda e: _outcome(e, False, [], 0), at=2),
    AttendancePlanned.type_name: rows_of(MeetingsWriter.plans, _plan, width=2, at=2),
    RecommendationMade.type_name: rows_of(MeetingsWriter.recommendations_made, lambda e: _recommendation(
        e, e.data.text, e.data.support_share, e.data.made_at)),
    ResponseGiven.type_name: rows_of(MeetingsWriter.responses, lambda e: _recommendation(
        e, e.data.decision, e.data.due, e.data.given_at)),
    RecommendationProgressed.type_name: rows_of(MeetingsWriter.progress, lambda e: (
        e.data.recommendation_id, e.data.at, e.tenant, e.data.done), width=2),
    AssemblyMeetingHeld.type_name: rows_of(MeetingsWriter.assembly_meetings, lambda e: (
        e.data.meeting_id, e.data.assembly_id, e.tenant, e.data.format, e.data.members, e.data.attended,
        e.data.held_at)),
}
