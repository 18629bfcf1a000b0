"""Delivery in batches: claim what is due, check again that each message may still go (consent in force, no
suppression reaching its address), compose each source's messages at once, send them concurrently (bounded),
and record every outcome of the batch in one statement with its events. A mail server's permanent refusal
suppresses the address as a delivery receipt's does; a provider found unavailable rests its channel and its
messages wait without using up their attempts."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from peel.common.retries import (
    Delivery,
    DeliveryFailure,
    OutagePause,
    ProviderUnavailable,
    TechnicalFailure,
    TemporaryFailure,
)
from peel.notifications.contacts.domain.consents import NO_ADDRESS, Category, Channel, SuppressionReason
from peel.notifications.messages.domain import message_events
from peel.notifications.messages.domain.messages import EXPIRED, NO_CONTENT, Message, MessageStatus, Standing
from peel.notifications.messages.domain.outgoing import Content, Outgoing
from peel.notifications.messages.service_layer.messages import Clock, utc_now
from peel.notifications.messages.service_layer.ports import Composer, Provider, UnitOfWork, UnsubscribeLinks
from peel.notifications.messages.service_layer.receipts import suppress_address

log = logging.getLogger(__name__)
WITH_UNSUBSCRIBE = (Category.SUBSCRIPTION, Category.STAKEHOLDER)


class Outages:
    """Channels whose provider was found unavailable: each rests until a time that grows while the outage
    lasts (``OutagePause``) and starts again from the first pause once the provider takes a message."""

    def __init__(self) -> None:
        self._until: dict[Channel, datetime] = {}
        self._in_a_row: dict[Channel, int] = {}

    def resting_until(self, channel: Channel, now: datetime) -> datetime | None:
        until = self._until.get(channel)
        return until if until is not None and until > now else None

    def found(self, channel: Channel, now: datetime, pause: OutagePause) -> datetime:
        """The provider is unavailable: until when the channel rests (one outage however many saw it)."""
        if (until := self.resting_until(channel, now)) is not None:
            return until
        self._in_a_row[channel] = self._in_a_row.get(channel, 0) + 1
        self._until[channel] = now + pause.after(self._in_a_row[channel])
        return self._until[channel]

    def ended(self, channel: Channel) -> None:
        self._in_a_row.pop(channel, None)
        self._until.pop(channel, None)


@dataclass(frozen=True, slots=True)
class Deliverers:
    """What delivery sends with: a composer per source, a provider per channel, the unsubscribe links, how
    many messages may be with the providers at once, and the channels resting after an outage."""

    composers: Mapping[str, Composer]
    providers: Mapping[Channel, Provider]
    links: UnsubscribeLinks | None = None
    concurrency: int = 8
    outages: Outages = field(default_factory=Outages)


async def deliver_due(uow: UnitOfWork, deliverers: Deliverers, delivery: Delivery, clock: Clock = utc_now) -> int:
    """Wake what quiet hours held, claim what is due, stop what may no longer go, deliver the rest; how many
    were claimed."""
    async with uow:
        now = clock()
        for message in await uow.messages.wake_quiet(now, delivery.batch_size):
            uow.emit(message_events.released(message, message.reason, now), message.tenant)
        claimed = await uow.messages.claim_due(now, now + delivery.lease, delivery.batch_size)
        going, standing = await _still_allowed(uow, claimed, now)
        await uow.commit()
    if going:
        outcomes = await _attempt_all(going, standing, deliverers, delivery, clock)
        await _record(uow, outcomes, clock())
    return len(claimed)


async def _still_allowed(uow: UnitOfWork, claimed: Sequence[Message],
                         now: datetime) -> tuple[list[Message], Standing]:
    """Consent withdrawn or a suppression added since a message was asked for (or held, or paused) stops it
    now: ``suppressed`` with the reason, its address forgotten. The others, and what stands for them."""
    standing = await uow.standings.of(claimed) if claimed else Standing()
    stopped = [message.suppressed(reason) for message in claimed if (reason := standing.stops(message))]
    await _save(uow, stopped, now)
    ended = {message.id for message in stopped}
    return [message for message in claimed if message.id not in ended], standing


async def _attempt_all(claimed: Sequence[Message], standing: Standing, deliverers: Deliverers, delivery: Delivery,
                       clock: Clock) -> list[Message]:
    now = clock()
    live = [message for message in claimed if not message.expired(now)]
    ended = [message.cancelled(now, EXPIRED) for message in claimed if message.expired(now)]
    contents = await _compose(live, deliverers.composers, delivery, clock)
    ended += [message.cancelled(now, NO_CONTENT) for message in live if message.id not in contents]
    gate = asyncio.Semaphore(max(deliverers.concurrency, 1))
    sends = [_attempt(message, _as_wanted(message, item, standing), deliverers, delivery, gate, clock)
             for message, item in _ready(live, contents)]
    return ended + list(await asyncio.gather(*sends))


def _as_wanted(message: Message, content: object, standing: Standing) -> object:
    """An email without its HTML part for a contact who asked for plain text."""
    if isinstance(content, Content) and content.html is not None and standing.wants_plain_text(message):
        return replace(content, html=None)
    return content


def _ready(live: Sequence[Message], contents: Mapping) -> list[tuple[Message, object]]:
    return [(message, contents[message.id]) for message in live if message.id in contents]


async def _compose(messages: Sequence[Message], composers: Mapping[str, Composer], delivery: Delivery,
                   clock: Clock) -> dict:
    """Each source's messages composed at once; a source whose composer fails is tried again later."""
    by_source: dict[str, list[Message]] = defaultdict(list)
    for message in messages:
        by_source[message.source].append(message)
    contents: dict = {}
    for source, group in by_source.items():
        contents.update(await _compose_one(source, group, composers, delivery, clock))
    return contents


async def _compose_one(source: str, group: list[Message], composers: Mapping[str, Composer], delivery: Delivery,
                       clock: Clock) -> dict:
    composer = composers.get(source)
    try:
        if composer is None:
            raise TechnicalFailure(f"no composer for {source} messages")
        return dict(await composer.compose(group))
    except DeliveryFailure as failure:  # never the address's fault: not a reason to suppress it
        ours = TechnicalFailure(str(failure)) if failure.permanent else failure
        return {message.id: ours for message in group}
    except Exception as error:  # a composer's bug must not stop the other sources' messages
        log.exception("composing %s messages failed", source)
        return {message.id: TemporaryFailure(f"composing failed ({type(error).__name__})") for message in group}


async def _attempt(message: Message, content: object, deliverers: Deliverers, delivery: Delivery,
                   gate: asyncio.Semaphore, clock: Clock) -> Message:
    if isinstance(content, DeliveryFailure):
        return message.after_failure(content, delivery.backoff, clock())
    if message.recipient is None:  # its contact was erased meanwhile
        return message.cancelled(clock(), NO_ADDRESS)
    provider = deliverers.providers.get(message.channel)
    if provider is None:
        return message.failed(MessageStatus.TECHNICAL_FAILURE, f"no provider for {message.channel.value}", clock())
    assert isinstance(content, Content)
    async with gate:
        return await _send(message, outgoing_for(message, content, deliverers.links), provider, deliverers.outages,
                           delivery, clock)


async def _send(message: Message, outgoing: Outgoing, provider: Provider, outages: Outages, delivery: Delivery,
                clock: Clock) -> Message:
    """Hand it to the provider, unless its channel is resting; an unavailable provider rests the channel and
    gives the message back as it was."""
    if (until := outages.resting_until(message.channel, clock())) is not None:
        return message.given_back(ProviderUnavailable(f"{message.channel.value} is resting after an outage"), until)
    try:
        handover = await provider.send(outgoing)
    except ProviderUnavailable as failure:
        log.warning("provider unavailable: %s", failure, extra={"channel": message.channel.value})
        return message.given_back(failure, outages.found(message.channel, clock(), delivery.outage))
    except DeliveryFailure as failure:
        log.warning("delivery failed: %s", failure, extra={"message_id": str(message.id), "attempt": message.attempts})
        return message.after_failure(failure, delivery.backoff, clock())
    outages.ended(message.channel)
    return message.handed_over(handover, clock())


def outgoing_for(message: Message, content: Content, links: UnsubscribeLinks | None) -> Outgoing:
    """The message addressed, with ``List-Unsubscribe`` for a subscription or stakeholder email to a contact."""
    assert message.recipient is not None
    return Outgoing(message.id, message.channel, message.recipient, content, _headers(message, links))


def _headers(message: Message, links: UnsubscribeLinks | None) -> tuple[tuple[str, str], ...]:
    wanted = message.category in WITH_UNSUBSCRIBE and message.channel is Channel.EMAIL
    if not wanted or links is None or message.contact_id is None:
        return ()
    language = message.language if message.language in ("en", "cy") else "en"
    url = links.unsubscribe(message.tenant, message.contact_id, message.sender, message.topic or "",
                            message.channel, message.id, language)
    return (("List-Unsubscribe", f"<{url}>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))


async def _record(uow: UnitOfWork, outcomes: Sequence[Message], now: datetime) -> None:
    """The batch's outcomes with their events; an address refused for good is suppressed everywhere."""
    async with uow:
        for message in await _save(uow, outcomes, now):
            if message.status is MessageStatus.PERMANENT_FAILURE:
                await suppress_address(uow, message, SuppressionReason.HARD_BOUNCE, now, "delivery",
                                       f"a permanent delivery failure: {message.last_error}")
        await uow.commit()


async def _save(uow: UnitOfWork, outcomes: Sequence[Message], now: datetime) -> list[Message]:
    """Store the outcomes still ours, emitting their events; those stored."""
    if not outcomes:
        return []
    saved = await uow.messages.save_outcomes(outcomes)
    stored = [message for message in outcomes if message.id in saved]
    for message in stored:
        if event := message_events.outcome(message, now):
            uow.emit(event, message.tenant)
    return stored

