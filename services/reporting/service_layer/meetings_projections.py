"""Projects neighbourhood meetings and assemblies' recommendations and meetings into the read models.

Each projection writes at most one row per key for a batch: the greatest version of a meeting's
facts, the latest record of its attendance, the last of what is stated once.
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
from peel.common.contracts.meetings import MeetingAttended, MeetingCancelled, MeetingScheduled, MeetingUpdated
from peel.common.events import Envelope
from peel.reporting.adapters.meetings_writer import MeetingsWriter
from peel.reporting.service_layer.scheduling_projections import Projection, latest_per_key, rows_of


def _facts(envelope: Envelope, version: int) -> tuple:
    e: MeetingScheduled | MeetingUpdated = envelope.data
    return e.meeting_id, envelope.tenant, e.meeting_type, e.area, e.starts_at, e.ends_at, e.public, version


async def meeting_facts(writer: MeetingsWriter, envelopes: Sequence[Envelope]) -> None:
    rows = [_facts(e, getattr(e.data, "version", 1)) for e in envelopes]
    await writer.meeting_facts(latest_per_key(rows, 1, 7))


def _recommendation(envelope: Envelope, *values: object) -> tuple:
    e = envelope.data
    return (e.recommendation_id, e.assembly_id, envelope.tenant, e.number, *values)


MEETING_PROJECTIONS: dict[str, Projection] = {
    MeetingScheduled.type_name: meeting_facts,
    MeetingUpdated.type_name: meeting_facts,
    MeetingCancelled.type_name: rows_of(
        MeetingsWriter.meetings_cancelled, lambda e: (e.data.meeting_id, e.tenant, e.data.cancelled_at)),
    MeetingAttended.type_name: rows_of(MeetingsWriter.meetings_attended, lambda e: (
        e.data.meeting_id, e.tenant, e.data.recorded_at, json.dumps(e.data.topics), e.data.other_topic_count), at=2),
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
