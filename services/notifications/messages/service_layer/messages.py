"""Messages: asked for once per reference, checked at once (consent, suppressions, elections, quiet hours, the
weekly cap), then delivered by a background task; cancelled on request while they have not gone."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from peel.common.errors import FieldError, InvalidInput, NotFound
from peel.notifications.clock import Clock, utc_now
from peel.notifications.contacts.domain.consents import address_hash
from peel.notifications.messages.domain import message_events
from peel.notifications.messages.domain.checks import Frequency, RecipientFacts, Sending, decide
from peel.notifications.messages.domain.messages import CANCELLABLE, Message, SendMessage, new_message
from peel.notifications.messages.service_layer.ports import KnownRecipient, UnitOfWork
from peel.notifications.templates.service_layer.templates import version_for


async def send_message(command: SendMessage, uow: UnitOfWork, clock: Clock = utc_now) -> tuple[Message, bool]:
    """The stored message, and whether it is new: a repeated reference gets the first message back."""
    async with uow:
        template = await version_for(uow.templates, command.tenant, command.template, command.template_version)
        message = new_message(command, clock(), template)
        checked = await _checked(uow, message, command, clock())
        stored = await uow.messages.add(checked)
        if stored.id == checked.id:
            for event in message_events.on_request(stored):
                uow.emit(event, stored.tenant)
        await uow.commit()
    return stored, stored.id == checked.id


async def _checked(uow: UnitOfWork, message: Message, command: SendMessage, now: datetime) -> Message:
    if command.contact_id is not None:
        known = await _known(uow, command, now)
        message = replace(message, recipient=known.address, language=_language(command.language, known.language))
        facts = known.facts
    else:
        facts = await _facts_of_address(uow, message)
    message = replace(message, address_hash=address_hash(message.channel, message.recipient or ""))
    elections = await uow.elections.in_force(message.tenant, now)
    sending = Sending(message.category, message.priority, command.respect_quiet_hours)
    return message.decided(decide(sending, _single(facts), elections, now))


def _single(facts: RecipientFacts) -> RecipientFacts:
    """A single message has no bulletin to join a digest with: it is decided as for a contact who takes
    messages as they come, so an election and quiet hours still hold it."""
    return replace(facts, frequency=Frequency.IMMEDIATELY)


async def _known(uow: UnitOfWork, command: SendMessage, now: datetime) -> KnownRecipient:
    assert command.contact_id is not None
    known = await uow.audiences.facts(command.tenant, command.contact_id, command.sender, command.topic or "",
                                      command.channel, now)
    if known is None:
        raise InvalidInput([FieldError(("contact_id",), f"no contact with a {command.channel.value} address")])
    return known


def _language(asked: str, contacts: str) -> str:
    if asked != "auto":
        return asked
    return contacts if contacts in ("en", "cy") else "both"


async def _facts_of_address(uow: UnitOfWork, message: Message) -> RecipientFacts:
    """An address without a contact: no consent on record, but its suppressions still count."""
    assert message.recipient is not None
    found = await uow.suppressions.active(message.tenant, message.channel,
                                          address_hash=address_hash(message.channel, message.recipient))
    reaching = [s for s in found if s.reaches(message.sender, message.topic or "", message.channel)]
    return RecipientFacts(consent_given=False, suppression=reaching[0].reason.value if reaching else None)


async def get_message(uow: UnitOfWork, message_id: uuid.UUID, tenant: str, client: str, sees_all: bool) -> Message:
    async with uow:
        message = await uow.messages.get(message_id)
    if message is None or not message.visible_to(tenant, client, sees_all):
        raise NotFound(f"no message {message_id}")
    return message


async def cancel_message(uow: UnitOfWork, message_id: uuid.UUID, tenant: str, client: str, sees_all: bool,
                         clock: Clock = utc_now) -> Message:
    """Cancel a message not sent yet (created or held); ``Conflict`` once it is on its way or final."""
    async with uow:
        message = await uow.messages.get(message_id, for_update=True)
        if message is None or not message.visible_to(tenant, client, sees_all):
            raise NotFound(f"no message {message_id}")
        cancelled = message.cancelled(clock())
        if await uow.messages.save_final(cancelled, frozenset(s.value for s in CANCELLABLE)):
            uow.emit(message_events.outcome(cancelled, clock()), tenant)
        await uow.commit()
    return cancelled


async def messages_of_contact(uow: UnitOfWork, tenant: str, contact_id: uuid.UUID) -> list[Message]:
    """Every message to the contact, by its id or by the hash of one of its addresses (subject access)."""
    async with uow:
        addresses = await uow.addresses.addresses(tenant, contact_id)
        if addresses is None:
            raise NotFound(f"no contact {contact_id}")
        hashes = [address_hash(channel, address) for channel, address in addresses.items()]
        return await uow.messages.of_contact(tenant, contact_id, hashes)
