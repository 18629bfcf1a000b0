"""The suppressions API's bodies; an address is shown only as its hash."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from peel.common.auth import Principal
from peel.notifications.contacts.domain.consents import Channel, Scope, Suppression, SuppressionReason, address_hash

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MOBILE = re.compile(r"^\+?[0-9 ]{7,20}$")


class SuppressionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "address": "resident@example.org", "channel": "email", "reason": "manual", "scope": "global",
        "note": "asked by phone"}]})

    channel: Channel = Field(default=Channel.EMAIL, description="email or sms")
    address: str = Field(min_length=3, max_length=320, description="An email address or a mobile number")
    reason: SuppressionReason
    scope: Scope = Scope.GLOBAL
    scope_value: str | None = Field(default=None, min_length=1, max_length=100, validate_default=True,
                                    description="The sender or topic, for those scopes")
    note: str | None = Field(default=None, max_length=1000)

    @field_validator("channel")
    @classmethod
    def _by_address(cls, channel: Channel) -> Channel:
        if channel is Channel.LETTER:
            raise ValueError("letters are not suppressed by address")
        return channel

    @field_validator("address")
    @classmethod
    def _an_address(cls, address: str, info: ValidationInfo) -> str:
        pattern = MOBILE if info.data.get("channel") is Channel.SMS else EMAIL
        if not pattern.match(address):
            raise ValueError("not an email address or mobile number for this channel")
        return address

    @field_validator("scope_value")
    @classmethod
    def _for_scope(cls, value: str | None, info: ValidationInfo) -> str | None:
        if (info.data.get("scope", Scope.GLOBAL) is Scope.GLOBAL) != (value is None):
            raise ValueError("give scope_value for a sender or topic scope, and only then")
        return value

    def suppression(self, principal: Principal, now: datetime) -> Suppression:
        return Suppression(uuid.uuid4(), principal.tenant, address_hash(self.channel, self.address), self.channel,
                           self.reason, self.scope, self.scope_value, now, principal.subject, self.note)


class SuppressionPublic(BaseModel):
    id: uuid.UUID
    address_hash: str
    channel: Channel
    reason: SuppressionReason
    scope: Scope
    scope_value: str | None
    note: str | None
    created_at: datetime
    created_by: str
    removed_at: datetime | None = None
    removed_by: str | None = None
    removal_reason: str | None = None

    @classmethod
    def of(cls, suppression: Suppression) -> SuppressionPublic:
        return cls.model_validate(suppression, from_attributes=True)
