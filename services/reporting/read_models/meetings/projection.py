"""Projects neighbourhood meetings and their quarterly attendance plans into the meetings read model.

Each projection writes at most one row per key for a batch: the greatest version of a meeting's
facts and of a quarter's plan, the latest outcome recorded (attended or not).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from peel.common.contracts.meetings import (
    AttendancePlanned,
    MeetingAttended,
    MeetingCancelled,
    MeetingNotAttended,
    MeetingScheduled,
    MeetingUpdated,
)
from peel.common.events import Envelope
from peel.reporting.read_models._projection import Projection, latest_per_key, rows_of
from peel.reporting.read_models.meetings.store import MeetingStore


def _facts(envelope: Envelope, version: int) -> tuple:
    e: MeetingScheduled | MeetingUpdated = envelope.data
    return e.meeting_id, envelope.tenant, e.meeting_type, e.area, e.starts_at, e.ends_at, e.public, version


async def meeting_facts(store: MeetingStore, envelopes: Sequence[Envelope]) -> None:
    rows = [_facts(e, getattr(e.data, "version", 1)) for e in envelopes]
    await store.meeting_facts(latest_per_key(rows, 1, 7))


def _outcome(envelope: Envelope, attended: bool, topics: list[str], other_topics: int) -> tuple:
    e: MeetingAttended | MeetingNotAttended = envelope.data
    return e.meeting_id, envelope.tenant, e.recorded_at, attended, json.dumps(topics), other_topics


def _plan(envelope: Envelope) -> tuple:
    e: AttendancePlanned = envelope.data
    return (envelope.tenant, e.quarter, e.version, e.confirmed_at,
            json.dumps([a.model_dump(mode="json") for a in e.assignments], sort_keys=True),
            json.dumps([u.model_dump(mode="json") for u in e.uncovered], sort_keys=True))


PROJECTION: dict[str, Projection] = {
    MeetingScheduled.type_name: meeting_facts,
    MeetingUpdated.type_name: meeting_facts,
    MeetingCancelled.type_name: rows_of(
        MeetingStore.meetings_cancelled, lambda e: (e.data.meeting_id, e.tenant, e.data.cancelled_at)),
    MeetingAttended.type_name: rows_of(MeetingStore.meeting_outcomes, lambda e: _outcome(
        e, True, e.data.topics, e.data.other_topic_count), at=2),
    MeetingNotAttended.type_name: rows_of(MeetingStore.meeting_outcomes, lambda e: _outcome(e, False, [], 0), at=2),
    AttendancePlanned.type_name: rows_of(MeetingStore.save_plans, _plan, width=2, at=2),
}
