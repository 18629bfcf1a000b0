"""What providers tell us later: GOV.UK Notify's delivery receipts and complaints, each authenticated with the
bearer token set in Notify's callback settings."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Request, status

from peel.notifications.messages.adapters.notify import receipt_from_callback
from peel.notifications.messages.entrypoints.http.message_routes import UnitOfWorkDep
from peel.notifications.messages.service_layer.receipts import record_receipts

router = APIRouter(prefix="/v1/providers", tags=["providers"])
UNAUTHORISED = {401: {"description": "The bearer token is not the one set for Notify's callbacks"}}


def notify_caller(request: Request) -> None:
    """Notify's callback carries ``Authorization: Bearer <token>``; compared in constant time."""
    expected = request.app.state.runtime.settings.notify_callback_token
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if expected is None or scheme.lower() != "bearer" or not hmac.compare_digest(
            token.strip().encode(), expected.get_secret_value().encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "not a GOV.UK Notify callback",
                            headers={"WWW-Authenticate": "Bearer"})


@router.post("/notify/callbacks", dependencies=[Depends(notify_caller)], responses=UNAUTHORISED,
             summary="GOV.UK Notify's delivery receipts and complaints")
async def notify_callback(body: Annotated[Any, Body()], uow: UnitOfWorkDep) -> dict[str, str]:
    receipt = receipt_from_callback(body, datetime.now(UTC))
    await record_receipts(uow, [receipt])
    return {"result": "recorded"}
