"""The fake GOV.UK Notify: ``POST /v2/notifications/{email,sms,letter}``, ``GET /v2/notifications/{id}``, its
delivery receipts posted to a callback URL, and ``GET /fake/stats`` for tests and benchmarks."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any, Literal

import httpx
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from peel.cli.fake_notify.checks import SlidingWindow, outcome_for, token_problem
from peel.cli.fake_notify.config import FakeNotifySettings

ADDRESS_FIELD = {"email": "email_address", "sms": "phone_number", "letter": "address_line_1"}


class NotificationRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    template_id: str = Field(min_length=1)
    reference: str | None = None
    email_address: str | None = None
    phone_number: str | None = None
    personalisation: dict[str, Any] = Field(default_factory=dict)

    def recipient(self, kind: str) -> str | None:
        if kind == "letter":
            return self.personalisation.get("address_line_1")
        return self.email_address if kind == "email" else self.phone_number


class FakeNotify:
    """The fake's state: notifications taken, counts, and receipts on their way."""

    def __init__(self, settings: FakeNotifySettings) -> None:
        self.settings = settings
        key = settings.api_key.get_secret_value()
        self.service_id, self.secret = key[-73:-37], key[-36:]
        self.window = SlidingWindow(settings.rate_per_minute)
        self.notifications: dict[str, dict[str, Any]] = {}
        self.stats: Counter[str] = Counter()
        self.tasks: set[asyncio.Task] = set()
        self.client: httpx.AsyncClient | None = None

    def refusal(self, request: Request) -> JSONResponse | None:
        problem = token_problem(request.headers.get("authorization", ""), self.service_id, self.secret,
                                self.settings.clock_skew_seconds, time.time())
        if problem is not None:
            return _error(403, "AuthError", problem)
        if not self.window.allow():
            self.stats["rate_limited"] += 1
            return _error(429, "RateLimitError", f"Exceeded rate limit for key type TEAM of "
                                                 f"{self.settings.rate_per_minute} requests per 60 seconds")
        return None

    def take(self, kind: str, body: NotificationRequest, recipient: str) -> dict[str, Any]:
        now = datetime.now(UTC).isoformat()
        notification = {"id": str(uuid.uuid4()), "reference": body.reference, "to": recipient,
                        "status": "created", "created_at": now, "completed_at": None, "sent_at": None,
                        "notification_type": kind, "template_id": body.template_id}
        self.notifications[notification["id"]] = notification
        self.stats["accepted"] += 1
        self._later(notification, outcome_for(recipient))
        return notification

    def _later(self, notification: dict[str, Any], outcome: str) -> None:
        task = asyncio.get_running_loop().create_task(self._finish(notification, outcome))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _finish(self, notification: dict[str, Any], outcome: str) -> None:
        await asyncio.sleep(self.settings.callback_delay_seconds)
        now = datetime.now(UTC).isoformat()
        notification.update(status=outcome, sent_at=now, completed_at=now)
        self.stats[outcome] += 1
        if self.settings.callback_url:
            await self._call_back(notification)

    async def _call_back(self, notification: dict[str, Any]) -> None:
        assert self.client is not None
        receipt = {key: notification[key] for key in ("id", "reference", "to", "status", "created_at",
                                                        "completed_at", "sent_at", "notification_type")}
        headers = {"Authorization": f"Bearer {self.settings.callback_token.get_secret_value()}"}
        for attempt in range(self.settings.callback_attempts):
            try:
                answer = await self.client.post(self.settings.callback_url, json=receipt, headers=headers)
                if answer.status_code < 300:
                    self.stats["callbacks_sent"] += 1
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2 * 2 ** attempt)
        self.stats["callbacks_failed"] += 1


def _error(status: int, kind: str, message: str) -> JSONResponse:
    return JSONResponse({"errors": [{"error": kind, "message": message}], "status_code": status}, status)


def _validation(error: ValidationError) -> JSONResponse:
    problems = [{"error": "ValidationError", "message": f"{'.'.join(map(str, p['loc']))} {p['msg']}"}
                for p in error.errors(include_url=False)]
    return JSONResponse({"errors": problems, "status_code": 400}, 400)


router = APIRouter()


def _fake(request: Request) -> FakeNotify:
    return request.app.state.fake


@router.post("/v2/notifications/{kind}", status_code=201)
async def send(kind: Literal["email", "sms", "letter"], request: Request) -> Any:
    fake = _fake(request)
    if (refusal := fake.refusal(request)) is not None:
        return refusal
    try:
        body = NotificationRequest.model_validate(await request.json())
    except ValidationError as error:
        return _validation(error)
    except ValueError:
        return _error(400, "BadRequestError", "Invalid JSON supplied in POST data")
    if not (recipient := body.recipient(kind)):
        return _error(400, "ValidationError", f"{ADDRESS_FIELD[kind]} is a required property")
    notification = fake.take(kind, body, str(recipient))
    return {"id": notification["id"], "reference": body.reference, "uri": f"/v2/notifications/{notification['id']}",
            "template": {"id": body.template_id, "version": 1},
            "content": {"subject": body.personalisation.get("subject"), "body": body.personalisation.get("body")}}


@router.get("/v2/notifications/{notification_id}")
async def status(notification_id: str, request: Request) -> Any:
    fake = _fake(request)
    if (refusal := fake.refusal(request)) is not None:
        return refusal
    notification = fake.notifications.get(notification_id)
    return notification if notification is not None else _error(404, "NoResultFound", "No result found")


@router.get("/readyz", include_in_schema=False)
async def ready() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/fake/stats")
async def stats(request: Request) -> dict[str, Any]:
    counts = _fake(request).stats
    return {"accepted": counts["accepted"], "rate_limited": counts["rate_limited"],
            "by_status": {key: counts[key] for key in ("delivered", "temporary-failure", "permanent-failure")},
            "callbacks_sent": counts["callbacks_sent"], "callbacks_failed": counts["callbacks_failed"],
            "pending": len(_fake(request).tasks)}


def create_app(settings: FakeNotifySettings | None = None) -> FastAPI:
    fake = FakeNotify(settings or FakeNotifySettings())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        async with httpx.AsyncClient(timeout=10) as client:
            fake.client = client
            yield
            for task in list(fake.tasks):
                task.cancel()

    app = FastAPI(title="Fake GOV.UK Notify", lifespan=lifespan)
    app.state.fake = fake
    app.include_router(router)
    return app
