"""Questions to the Police and Crime Panel through the consultation service: an office's meetings taking questions,
a meeting with its published answers, and sending a question (no sign-in)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from peel.web.service_layer.ports import Json, NotFoundThere, Refused, WebPorts


class QuestionsClosed(Exception):
    """The meeting stopped taking questions before this one was sent."""


class AlreadyAsked(Exception):
    """This person has already asked a question for the meeting."""


async def meetings_taking_questions(ports: WebPorts, tenant: str, resident: str) -> list[Json]:
    meetings: Any = await ports.consultation.get(f"/v1/public/{tenant}/panel/meetings", resident=resident)
    return meetings


async def office_meeting(ports: WebPorts, tenant: str, meeting_id: uuid.UUID, resident: str) -> Json:
    """The meeting, only if it is this office's: another office's meeting is not found here."""
    meeting = await ports.consultation.get(f"/v1/public/panel/meetings/{meeting_id}", resident=resident)
    if "tenant" in meeting:
        if meeting["tenant"] != tenant:
            raise NotFoundThere(f"panel meeting {meeting_id} is not {tenant}'s")
        return meeting
    taking = await meetings_taking_questions(ports, tenant, resident)  # no tenant given: only what it lists is ours
    if str(meeting_id) not in {str(item["id"]) for item in taking}:
        raise NotFoundThere(f"panel meeting {meeting_id} is not among {tenant}'s")
    return meeting


async def meeting_and_answers(ports: WebPorts, tenant: str, meeting_id: uuid.UUID, resident: str) -> tuple[Json, Json]:
    meeting, answered = await asyncio.gather(
        office_meeting(ports, tenant, meeting_id, resident),
        ports.consultation.get(f"/v1/public/panel/meetings/{meeting_id}/answered", resident=resident),
    )
    return meeting, answered


async def send_question(ports: WebPorts, meeting_id: uuid.UUID, body: Json, resident: str) -> Json:
    """The question as received; raises QuestionsClosed, AlreadyAsked, or InvalidAnswers for the fields refused."""
    try:
        return await ports.consultation.post(f"/v1/panel/meetings/{meeting_id}/questions", resident=resident,
                                             json=body)
    except Refused as refused:
        meeting = await ports.consultation.get(f"/v1/public/panel/meetings/{meeting_id}", resident=resident)
        raise (AlreadyAsked() if meeting["open_for_questions"] else QuestionsClosed()) from refused
