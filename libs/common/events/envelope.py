"""CloudEvents 1.0 envelope in the Kafka binding's structured mode.

The envelope's JSON is the Kafka value, the header ``content-type`` says
``application/cloudevents+json`` and the message key is the aggregate id
(the CloudEvents ``subject``), so every event of one aggregate keeps its order.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

if TYPE_CHECKING:
    from peel.common.events.registry import EventRegistry

CONTENT_TYPE = "application/cloudevents+json"
TYPE_PATTERN = r"^peel\.[a-z][a-z_]*\.[a-z][a-z_]*\.[a-z][a-z_]*\.v[1-9][0-9]*$"
TENANT_PATTERN = r"^[a-z0-9][a-z0-9-]{1,62}$"


class InvalidEnvelope(ValueError):
    """A Kafka record that is not a Peel CloudEvent."""


class LocalisedText(BaseModel):
    """Public text in English with optional Welsh."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    en: str = Field(min_length=1, max_length=20_000)
    cy: str | None = Field(default=None, min_length=1, max_length=20_000)


class Event(BaseModel):
    """A past-tense fact. Subclasses set ``type_name`` and ``aggregate_field``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type_name: ClassVar[str]
    aggregate_field: ClassVar[str]

    @property
    def aggregate_id(self) -> str:
        return str(getattr(self, self.aggregate_field))

    @classmethod
    def service(cls) -> str:
        return cls.type_name.split(".")[1]


class Envelope(BaseModel):
    """CloudEvents 1.0 attributes plus the ``tenant`` and ``traceparent`` extensions."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(min_length=1, max_length=200)
    source: str = Field(min_length=1, max_length=500)
    type: str = Field(pattern=TYPE_PATTERN)
    subject: str = Field(min_length=1, max_length=500)
    time: datetime
    datacontenttype: Literal["application/json"] = "application/json"
    tenant: str = Field(pattern=TENANT_PATTERN)
    traceparent: str | None = Field(default=None, max_length=200)
    data: Any

    @classmethod
    def wrap(
        cls,
        event: Event,
        *,
        source: str,
        tenant: str,
        traceparent: str | None = None,
        time: datetime | None = None,
        event_id: uuid.UUID | None = None,
    ) -> Envelope:
        return cls(
            id=str(event_id or uuid.uuid4()),
            source=source,
            type=event.type_name,
            subject=event.aggregate_id,
            time=time or datetime.now(UTC),
            tenant=tenant,
            traceparent=traceparent,
            data=event,
        )

    def to_json(self) -> bytes:
        return self.model_dump_json(exclude_none=True).encode()

    def to_record(self, topic: str) -> KafkaRecord:
        return KafkaRecord(topic=topic, key=self.subject.encode(), value=self.to_json(), headers=self.headers())

    def headers(self) -> list[tuple[str, bytes]]:
        headers = [("content-type", CONTENT_TYPE.encode())]
        if self.traceparent:
            headers.append(("traceparent", self.traceparent.encode()))
        return headers

    @classmethod
    def from_json(cls, raw: bytes | str, registry: EventRegistry) -> Envelope:
        """Parse and validate an envelope and its ``data`` against the registered model."""
        try:
            attributes = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InvalidEnvelope(f"not JSON: {error}") from error
        if not isinstance(attributes, dict):
            raise InvalidEnvelope("a CloudEvent must be a JSON object")
        model = registry.model_for(str(attributes.get("type")))
        try:
            attributes["data"] = model.model_validate(attributes.get("data"))
            return cls.model_validate(attributes)
        except ValidationError as error:
            raise InvalidEnvelope(f"invalid {model.type_name}: {error}") from error


@dataclass(frozen=True, slots=True)
class KafkaRecord:
    """What goes onto the wire for one event."""

    topic: str
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]
