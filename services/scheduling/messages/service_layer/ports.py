"""The ports of the emails: the book of those waiting to be sent, and the history staff see."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Protocol

from peel.scheduling.messages.domain.messages import Message, MessageKind


class MessageBook(Protocol):
    async def ask(self, messages: Iterable[Message]) -> None:
        """Add these, once each: one asked before is left as it is."""

    async def drop(self, about: uuid.UUID, kinds: Iterable[MessageKind]) -> None:
        """Drop the messages of these kinds still waiting to be sent about this booking or registrant."""

    async def still_in_pool(self, assembly_id: uuid.UUID) -> list[uuid.UUID]:
        """The assembly's registrants neither drawn nor withdrawn."""


class MessageHistory(Protocol):
    async def about(self, tenant: str, about: uuid.UUID) -> list[dict]:
        """The tenant's emails about a booking, place or registrant, oldest first."""
