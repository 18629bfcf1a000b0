"""The Panel questions' use cases for staff: which of the consultation service's Panel calls each page makes.

Every call carries the signed-in user's token, so the consultation service decides who may read and act."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peel.web.domain.staff.reading import is_id
from peel.web.service_layer.ports import Json, NotFoundThere
from peel.web.service_layer.staff.ports import UserApis

PANEL = "/v1/panel"


async def meetings(apis: UserApis) -> list[Json]:
    found: Any = await apis.consultation.get(f"{PANEL}/meetings")
    return list(found)


async def meeting(apis: UserApis, meeting_id: str) -> Json:
    if not is_id(meeting_id):
        raise NotFoundThere(meeting_id)
    return await apis.consultation.get(f"{PANEL}/meetings/{meeting_id}")


async def queue(apis: UserApis, meeting_id: str, *, status: str = "", overdue: bool = False) -> list[Json]:
    """A meeting's questions, oldest first as the service lists them, narrowed to one status or the overdue."""
    params = {key: value for key, value in (("status", status), ("overdue", "true" if overdue else "")) if value}
    found: Any = await apis.consultation.get(f"{PANEL}/meetings/{meeting_id}/questions", params)
    return list(found)


@dataclass(frozen=True)
class QuestionInMeeting:
    question: Json
    meeting: Json


async def question(apis: UserApis, question_id: str) -> QuestionInMeeting:
    """A question, as its meeting's queue lists it, with that meeting (a question of another office is not found)."""
    if not is_id(question_id):
        raise NotFoundThere(question_id)
    found = await apis.consultation.get(f"{PANEL}/questions/{question_id}")
    return QuestionInMeeting(found, await meeting(apis, str(found["meeting_id"])))


async def rejection_reasons(apis: UserApis) -> list[Json]:
    found: Any = await apis.consultation.get(f"{PANEL}/rejection-reasons")
    return list(found)


async def act(apis: UserApis, question_id: str, action: str, body: Json | None = None) -> Json:
    """Accept, reject, answer or publish a question (the service checks its status allows it)."""
    if not is_id(question_id):
        raise NotFoundThere(question_id)
    return await apis.consultation.post(f"{PANEL}/questions/{question_id}/{action}", body)


async def schedule_meeting(apis: UserApis, meeting: Json) -> Json:
    return await apis.consultation.post(f"{PANEL}/meetings", meeting)
