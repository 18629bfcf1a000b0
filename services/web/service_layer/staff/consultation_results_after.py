"""What follows the responses: moderating free text meant for publishing, "we asked, you said, we did", the poster,
and keying in a paper or telephone response. Each is the consultation service's to decide."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from peel.web.service_layer.ports import Json
from peel.web.service_layer.staff.ports import UserApis

DECISIONS = ("approved", "redacted")


def consultation_path(consultation_id: str, tail: str = "") -> str:
    return f"/v1/consultations/{consultation_id}{tail}"


async def consultation(apis: UserApis, consultation_id: str) -> Json:
    return await apis.consultation.get(consultation_path(consultation_id))


@dataclass(frozen=True)
class ModerationQueue:
    consultation: Json
    awaiting: Json
    log: Json


async def moderation_queue(apis: UserApis, consultation_id: str, after: str | None,
                           log_after: str | None) -> ModerationQueue:
    """The consultation (for its questions' words), the answers awaiting a decision and the log, asked at once."""
    found, awaiting, log = await asyncio.gather(
        consultation(apis, consultation_id),
        apis.consultation.get(consultation_path(consultation_id, "/moderation"), _after(after)),
        apis.consultation.get(consultation_path(consultation_id, "/moderation/log"), _after(log_after)))
    return ModerationQueue(found, awaiting, log)


def _after(after: str | None) -> dict[str, Any] | None:
    return {"after": after} if after else None


async def moderate(apis: UserApis, consultation_id: str, response_id: str, *, question: str, decision: str,
                   reason: str) -> Json:
    return await apis.consultation.post(
        consultation_path(consultation_id, f"/responses/{response_id}/moderation"),
        {"question": question, "decision": decision, "reason": reason})


async def publish_outcome(apis: UserApis, consultation_id: str, english: str, welsh: str) -> Json:
    outcome = {"en": english, **({"cy": welsh} if welsh else {})}
    return await apis.consultation.post(consultation_path(consultation_id, "/outcome"), {"outcome": outcome})


async def enter_response(apis: UserApis, consultation_id: str, body: dict[str, Any]) -> Json:
    return await apis.consultation.post(consultation_path(consultation_id, "/responses/assisted"), body)
