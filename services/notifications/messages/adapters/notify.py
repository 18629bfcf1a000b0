"""GOV.UK Notify over HTTP: one kept-alive client, a JWT per request, each channel through a generic template.

The API key is ``<key name>-<service id>-<secret>`` (both ids are UUIDs); each request carries a JWT signed
HS256 with the secret, ``iss`` the service id and ``iat`` now. The templates take ``((subject))`` and
``((body))``; our message id is the ``reference`` Notify sends back in its delivery receipts.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import httpx
import jwt
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from peel.common.errors import FieldError, InvalidInput
from peel.common.retries import PermanentFailure, ProviderUnavailable, TechnicalFailure, TemporaryFailure
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.adapters.pacing import Pacer
from peel.notifications.messages.domain.outgoing import Handover, Outgoing
from peel.notifications.messages.domain.receipts import Receipt

PATHS = {Channel.EMAIL: "/v2/notifications/email", Channel.SMS: "/v2/notifications/sms",
         Channel.LETTER: "/v2/notifications/letter"}
ADDRESS_LINES = 7


@dataclass(frozen=True, slots=True)
class NotifyKey:
    service_id: str
    secret: str

    @classmethod
    def parse(cls, api_key: str) -> NotifyKey:
        """``keyname-<service id: 36 chars>-<secret: 36 chars>``."""
        if len(api_key) < 74 or api_key[-37] != "-" or api_key[-74] != "-":
            raise ValueError("a GOV.UK Notify API key is <key name>-<service id>-<secret key>")
        return cls(service_id=api_key[-73:-37], secret=api_key[-36:])

    def token(self, now: float | None = None) -> str:
        issued = int(time.time() if now is None else now)
        return jwt.encode({"iss": self.service_id, "iat": issued}, self.secret, algorithm="HS256")


def request_body(outgoing: Outgoing, template_id: str) -> dict:
    """What Notify is asked: the template, the address in the channel's field, and the content."""
    content = outgoing.content
    body: dict = {"template_id": template_id, "reference": outgoing.reference,
                  "personalisation": {"subject": content.subject, "body": content.text}}
    if outgoing.channel is Channel.EMAIL:
        body["email_address"] = outgoing.to
    elif outgoing.channel is Channel.SMS:
        body["phone_number"] = outgoing.to
        body["personalisation"] = {"body": content.text}
    else:
        lines = [line for line in outgoing.to.splitlines() if line.strip()][:ADDRESS_LINES]
        body["personalisation"].update({f"address_line_{n}": line for n, line in enumerate(lines, 1)})
    return body


class NotifyProvider:
    """One channel's sender through Notify; several channels may share one client and pacer."""

    provider = "notify"

    def __init__(self, client: httpx.AsyncClient, key: NotifyKey, template_id: str, pacer: Pacer) -> None:
        self._client = client
        self._key = key
        self._template_id = template_id
        self._pacer = pacer

    async def send(self, outgoing: Outgoing) -> Handover:
        await self._pacer.admit()
        headers = {"Authorization": f"Bearer {self._key.token()}"}
        try:
            answer = await self._client.post(PATHS[outgoing.channel], json=request_body(outgoing, self._template_id),
                                             headers=headers)
        except httpx.HTTPError as error:
            raise ProviderUnavailable(f"GOV.UK Notify could not be reached ({type(error).__name__})") from error
        return self._handover(answer)

    def _handover(self, answer: httpx.Response) -> Handover:
        status = answer.status_code
        if status in (200, 201):
            return Handover(provider=self.provider, reference=_notification_id(answer), receipt_expected=True)
        if status == 429:
            self._pacer.refused(_retry_after(answer))
            raise ProviderUnavailable("GOV.UK Notify asked us to slow down (429)")
        if status in (401, 403):
            raise TemporaryFailure(f"GOV.UK Notify refused our API key ({status})")
        if status == 400:
            raise _refused(_error_kinds(answer))
        if status >= 500:
            raise ProviderUnavailable(f"GOV.UK Notify failed ({status})")
        raise TemporaryFailure(f"GOV.UK Notify failed ({status})")

    async def close(self) -> None:
        """Closes the client (shared by the channels: the first close does it)."""
        if not self._client.is_closed:
            await self._client.aclose()


def _refused(kinds: str) -> PermanentFailure:
    """A ``ValidationError`` is about the address (or what it was sent); anything else (a team-only key, a trial
    service, a missing template) is our side's: a technical failure, no reason to suppress the address."""
    what = f"GOV.UK Notify refused the message (400: {kinds})"
    return PermanentFailure(what) if kinds == "ValidationError" else TechnicalFailure(what)


def _notification_id(answer: httpx.Response) -> str | None:
    try:
        return str(answer.json()["id"])
    except (ValueError, KeyError, TypeError):
        return None


def _retry_after(answer: httpx.Response) -> float:
    try:
        return min(max(float(answer.headers.get("Retry-After", "1")), 0.1), 60.0)
    except ValueError:
        return 1.0


def _error_kinds(answer: httpx.Response) -> str:
    """Notify's error kinds (``BadRequestError``, ``ValidationError``), never its message: it may repeat the
    address."""
    try:
        errors = answer.json().get("errors", [])
        return ", ".join(sorted({str(error.get("error", "error")) for error in errors})) or "error"
    except (ValueError, AttributeError, TypeError):
        return "error"


def notify_client(base_url: str, timeout_seconds: float) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=20, max_keepalive_connections=20, keepalive_expiry=60)
    return httpx.AsyncClient(base_url=base_url, timeout=timeout_seconds, limits=limits)


class DeliveryCallback(BaseModel):
    """Notify's delivery receipt (``delivery_status`` callback)."""

    model_config = ConfigDict(extra="ignore")
    id: str = Field(min_length=1, max_length=100)
    reference: str | None = Field(None, max_length=200)
    status: str = Field(min_length=1, max_length=40)
    created_at: datetime | None = None
    completed_at: datetime | None = None
    sent_at: datetime | None = None
    notification_type: Literal["email", "sms", "letter"] | None = None


class ComplaintCallback(BaseModel):
    """Notify's complaint callback: the recipient marked an email as spam."""

    model_config = ConfigDict(extra="ignore")
    notification_id: str = Field(min_length=1, max_length=100)
    complaint_id: str = Field(min_length=1, max_length=100)
    reference: str | None = Field(None, max_length=200)
    complaint_date: datetime | None = None


def receipt_from_callback(payload: object, now: datetime) -> Receipt:
    """A receipt from a Notify callback body; ``InvalidInput`` naming the field when it is not one."""
    if not isinstance(payload, dict):
        raise InvalidInput([FieldError(("body",), "a JSON object is expected")])
    try:
        if "complaint_id" in payload:
            complaint = ComplaintCallback.model_validate(payload)
            return Receipt("notify", complaint.notification_id, _message_id(complaint.reference), "complaint",
                           _utc(complaint.complaint_date or now))
        receipt = DeliveryCallback.model_validate(payload)
    except ValidationError as error:
        raise InvalidInput([FieldError(("body", *problem["loc"]), problem["msg"])
                            for problem in error.errors(include_url=False)]) from None
    at = receipt.completed_at or receipt.sent_at or receipt.created_at or now
    return Receipt("notify", receipt.id, _message_id(receipt.reference), receipt.status, _utc(at))


def _message_id(reference: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(reference) if reference else None
    except ValueError:
        return None


def _utc(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
