"""Staff see which emails went to a booker or registrant, and how each ended (never the address or the text)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from peel.scheduling.http.dependencies import Reader
from peel.scheduling.messages.domain.messages import MessageKind
from peel.scheduling.messages.service_layer.ports import MessageHistory

router = APIRouter(prefix="/v1/scheduling/messages", tags=["Emails (staff)"])


class MessageView(BaseModel):
    id: uuid.UUID
    kind: MessageKind
    status: Literal["created", "sending", "sent", "failed", "dropped"]
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    finished_at: datetime | None


async def message_history(request: Request) -> MessageHistory:
    return request.app.state.adapters.message_history()


@router.get("", summary="The emails about a booking, waitlist place or assembly registrant, oldest first")
async def list_messages(principal: Reader, history: Annotated[MessageHistory, Depends(message_history)],
                        about: Annotated[uuid.UUID, Query(description="The booking's, place's or registrant's id")],
                        ) -> list[MessageView]:
    return [MessageView.model_validate(row) for row in await history.about(principal.tenant, about)]
