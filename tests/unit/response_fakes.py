"""In-memory stand-ins for what moderation reads: the queue of free text awaiting a decision and the log."""

from __future__ import annotations

import uuid
from datetime import datetime

from peel.common.contracts.consultation import TextAnswer
from peel.consultation.domain.moderation import AwaitingModeration, ModerationDecision, Place
from tests.unit.fakes import FakeResponses, FakeUnitOfWork


class FakeModeratedResponses(FakeResponses):
    """Responses that also answer the moderation queue and log, as the PostgreSQL queries do."""

    def __init__(self) -> None:
        super().__init__()
        self.decisions: list[tuple[str, uuid.UUID, ModerationDecision]] = []

    async def record_moderation(self, response, question, decision, reason, moderator, now) -> None:
        await super().record_moderation(response, question, decision, reason, moderator, now)
        entry = ModerationDecision(response.id, question, decision, reason, moderator, now)
        self.decisions.append((response.tenant, response.consultation_id, entry))

    async def awaiting_moderation(self, tenant: str, consultation_id: uuid.UUID, after: Place | None,
                                  limit: int) -> list[AwaitingModeration]:
        decided = {(entry.response_id, entry.question) for _, _, entry in self.decisions}
        waiting = [AwaitingModeration(r.id, a.question, a.text, r.submitted_at) for r in self.rows
                   if (r.tenant, r.consultation_id) == (tenant, consultation_id) for a in r.answers
                   if isinstance(a, TextAnswer) and a.publishable and (r.id, a.question) not in decided]
        return _page(waiting, after, limit)

    async def moderation_log(self, tenant: str, consultation_id: uuid.UUID, after: Place | None,
                             limit: int) -> list[ModerationDecision]:
        entries = [entry for t, c, entry in self.decisions if (t, c) == (tenant, consultation_id)]
        return _page(entries, after, limit)


def _page(items: list, after: Place | None, limit: int) -> list:
    ordered = sorted(items, key=lambda item: _key(item.place))
    return [item for item in ordered if after is None or _key(item.place) > _key(after)][:limit]


def _key(place: Place) -> tuple[datetime, str, str]:
    return place.at, str(place.response_id), place.question


class ModerationUnitOfWork(FakeUnitOfWork):
    """The fake unit of work with responses that answer moderation's lists."""

    def __init__(self) -> None:
        super().__init__()
        self.responses = FakeModeratedResponses()
