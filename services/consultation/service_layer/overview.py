"""The staff overview: what needs attention across an office's consultations and Panel questions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Protocol

from peel.common.working_days import local_date
from peel.consultation.domain.overview import AnswerOwed, ConsultationCounts, Overview, panel_overview
from peel.consultation.service_layer.handlers import Clock, utc_now

LISTED = 100  # the office's newest consultations the overview shows


class OverviewQueries(Protocol):
    """Counts read from indexes, one query per part, all scoped to the office."""

    async def consultations(self, tenant: str, limit: int) -> list[ConsultationCounts]: ...

    async def responses(self, consultation_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]: ...

    async def awaiting_moderation(self, consultation_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]: ...

    async def panel_awaiting_decision(self, tenant: str) -> int: ...

    async def answers_owed(self, tenant: str) -> list[AnswerOwed]: ...


async def staff_overview(tenant: str, queries: OverviewQueries, clock: Clock = utc_now) -> Overview:
    today: date = local_date(clock())
    listed = await queries.consultations(tenant, LISTED)
    ids = [c.id for c in listed]
    responses, awaiting = await queries.responses(ids), await queries.awaiting_moderation(ids)
    counted = tuple(replace(c, responses=responses.get(c.id, 0), awaiting_moderation=awaiting.get(c.id, 0))
                    for c in listed)
    panel = panel_overview(await queries.panel_awaiting_decision(tenant), await queries.answers_owed(tenant), today)
    return Overview(counted, panel)
