from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from peel.common.contracts.notifications import ConsentChanged, ContactCreated, ContactErased
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.notifications.contacts.domain.consents import (
    Category,
    Channel,
    Consent,
    ConsentChange,
    Decision,
    MessageKind,
    Scope,
    Suppression,
    SuppressionReason,
    address_hash,
)
from peel.notifications.contacts.domain.contacts import (
    Contact,
    ContactDetails,
    Language,
    LanguageChoice,
    normalised_email,
)
from peel.notifications.contacts.domain.organisations import Organisation
from peel.notifications.contacts.domain.preferences import Preferences
from peel.notifications.contacts.service_layer import contacts, suppressions
from tests.support.fake_events import FakeTransactionUnitOfWork

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
DETAILS = ContactDetails("resident@example.org", None, ("1 High Street", "CW1 1AA"),
                         LanguageChoice(Language.WELSH, NOW, "paper_form"), ("crewe",))


class FakeContacts:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Contact] = {}

    async def add(self, contact: Contact) -> bool:
        email = contact.details.email and normalised_email(contact.details.email)
        if email and any(row.tenant == contact.tenant and row.details.email and
                         normalised_email(row.details.email) == email for row in self.rows.values()):
            return False
        self.rows[contact.id] = contact
        return True

    async def get(self, tenant: str, contact_id: uuid.UUID, for_update: bool = False) -> Contact | None:
        found = self.rows.get(contact_id)
        return found if found and found.tenant == tenant else None

    async def save_erased(self, contact: Contact) -> None:
        self.rows[contact.id] = contact

    async def save_details(self, contact: Contact) -> bool:
        email = contact.details.email and normalised_email(contact.details.email)
        if email and any(row.id != contact.id and row.tenant == contact.tenant and row.details.email and
                         normalised_email(row.details.email) == email for row in self.rows.values()):
            return False
        self.rows[contact.id] = contact
        return True


class FakeConsents:
    def __init__(self) -> None:
        self.rows: list[Consent] = []

    async def add(self, records: list[Consent]) -> None:
        self.rows.extend(records)

    async def history(self, contact_id: uuid.UUID) -> list[Consent]:
        return sorted((row for row in self.rows if row.contact_id == contact_id), key=lambda row: row.at)


class FakeSuppressions:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Suppression] = {}

    async def add(self, suppression: Suppression) -> bool:
        same = (suppression.tenant, suppression.address_hash, suppression.channel, suppression.scope,
                suppression.scope_value)
        if any((s.tenant, s.address_hash, s.channel, s.scope, s.scope_value) == same and s.removed_at is None
               for s in self.rows.values()):
            return False
        self.rows[suppression.id] = suppression
        return True

    async def get(self, tenant: str, suppression_id: uuid.UUID) -> Suppression | None:
        found = self.rows.get(suppression_id)
        return found if found and found.tenant == tenant else None

    async def active(self, tenant, channel=None, reason=None, address_hash=None) -> list[Suppression]:
        return [s for s in self.rows.values() if s.tenant == tenant and s.removed_at is None
                and channel in (None, s.channel) and reason in (None, s.reason)
                and address_hash in (None, s.address_hash)]

    async def save_removed(self, suppression: Suppression) -> None:
        self.rows[suppression.id] = suppression


class FakePreferences:
    def __init__(self, contacts: FakeContacts) -> None:
        self.rows: dict[uuid.UUID, Preferences] = {}
        self._contacts = contacts

    async def get(self, contact_id: uuid.UUID) -> Preferences:
        return self.rows.get(contact_id, Preferences())

    async def replace_subscriptions(self, contact_id, subscriptions, now) -> None:
        found = await self.get(contact_id)
        self.rows[contact_id] = replace(found, subscriptions=tuple(sorted(subscriptions, key=lambda s: s.key)))

    async def save_subscription(self, contact_id, subscription, now) -> None:
        found = await self.get(contact_id)
        kept = [s for s in found.subscriptions if s.key != subscription.key]
        await self.replace_subscriptions(contact_id, [*kept, subscription], now)

    async def remove_subscription(self, contact_id, sender, topic) -> None:
        found = await self.get(contact_id)
        kept = [s for s in found.subscriptions if s.key != (sender, topic)]
        await self.replace_subscriptions(contact_id, kept, NOW)

    async def replace_quiet_hours(self, contact_id, quiet_hours) -> None:
        found = await self.get(contact_id)
        self.rows[contact_id] = replace(found, quiet_hours=tuple(sorted(quiet_hours, key=lambda q: q.channel)))

    async def save_weekly_cap(self, contact_id, weekly_cap) -> None:
        self.rows[contact_id] = replace(await self.get(contact_id), weekly_cap=weekly_cap)


class FakeUnsubscriptions:
    def __init__(self) -> None:
        self.rows: list = []

    async def add(self, unsubscription) -> None:
        self.rows.append(unsubscription)


class FakeContactMessages:
    """Messages as dicts with the columns a contact's wishes reach."""

    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, dict] = {}

    def queue(self, contact: Contact, topic: str = "bulletin", status: str = "created", channel: str = "email",
              category: str = "subscription", sender: str = "office") -> uuid.UUID:
        message_id = uuid.uuid4()
        self.rows[message_id] = {"tenant": contact.tenant, "contact_id": contact.id, "sender": sender, "topic": topic,
                                 "channel": channel, "category": category, "status": status, "reason": None,
                                 "recipient": contact.details.email, "personalisation": {"name": "Ann"},
                                 "cancelled_at": None}
        return message_id

    async def suppress_unsent(self, tenant, contact_id, sender, topic, channel, reason) -> int:
        found = [m for m in self.rows.values() if (m["tenant"], m["contact_id"], m["sender"], m["topic"], m["channel"],
                 m["category"]) == (tenant, contact_id, sender, topic, channel.value, "subscription")
                 and m["status"] in ("created", "held")]
        for message in found:
            message.update(status="suppressed", reason=reason, recipient=None)
        return len(found)

    async def erase(self, tenant, contact_id, now) -> None:
        for message in self.rows.values():
            if (message["tenant"], message["contact_id"]) == (tenant, contact_id):
                message.update(recipient=None, personalisation={})
                if message["status"] in ("created", "held", "temporary-failure"):
                    message.update(status="cancelled", cancelled_at=now, reason="contact_erased")


class FakeOrganisations:
    def __init__(self, contacts: FakeContacts) -> None:
        self.rows: dict[uuid.UUID, Organisation] = {}
        self.updates: list[tuple] = []
        self._contacts = contacts

    async def add(self, organisation: Organisation) -> None:
        self.rows[organisation.id] = organisation

    async def get(self, tenant, organisation_id, for_update=False) -> Organisation | None:
        found = self.rows.get(organisation_id)
        return found if found and found.tenant == tenant else None

    async def list(self, tenant, kind, area) -> list[Organisation]:
        return sorted((o for o in self.rows.values() if o.tenant == tenant and kind in (None, o.kind.value)
                       and area in (None, o.area)), key=lambda o: o.name)

    async def save(self, organisation: Organisation) -> None:
        self.rows[organisation.id] = organisation

    async def unknown_contacts(self, tenant, contact_ids) -> list[uuid.UUID]:
        live = {c.id for c in self._contacts.rows.values() if c.tenant == tenant and not c.erased}
        return [contact_id for contact_id in contact_ids if contact_id not in live]

    async def remove_roles_of(self, contact_id) -> None:
        for organisation in list(self.rows.values()):
            roles = tuple(h for h in organisation.roles if h.contact_id != contact_id)
            self.rows[organisation.id] = replace(organisation, roles=roles)

    async def record_update(self, organisation, contact_id, what, fields, at, by) -> None:
        self.updates.append((organisation.id, contact_id, what, list(fields), at, by))


class FakeContactsUnitOfWork(FakeTransactionUnitOfWork):
    """State and events kept only on commit, as in one PostgreSQL transaction."""

    def __init__(self) -> None:
        super().__init__()
        self.contacts, self.consents, self.suppressions = FakeContacts(), FakeConsents(), FakeSuppressions()
        self.preferences, self.unsubscriptions = FakePreferences(self.contacts), FakeUnsubscriptions()
        self.messages, self.organisations = FakeContactMessages(), FakeOrganisations(self.contacts)

    def stores(self) -> list:
        return [self.contacts, self.consents, self.suppressions, self.preferences, self.unsubscriptions,
                self.messages, self.organisations]


def clock(days: int = 0):
    return lambda: NOW + timedelta(days=days)


def change(given: bool = True, topic: str = "bulletin", source: str = "paper_form") -> ConsentChange:
    return ConsentChange("office", topic, Channel.EMAIL, given, source, "2027-01")


async def created(uow: FakeContactsUnitOfWork, details: ContactDetails = DETAILS, tenant: str = "cheshire") -> Contact:
    return await contacts.create_contact(uow, tenant, details, "officer-1", clock())


async def test_a_contact_is_recorded_with_an_event_naming_its_channels_not_its_addresses():
    uow = FakeContactsUnitOfWork()
    contact = await created(uow)
    assert await contacts.get_contact(uow, "cheshire", contact.id) == contact
    [(event, tenant)] = uow.published
    assert isinstance(event, ContactCreated) and tenant == "cheshire"
    assert (event.contact_id, event.channels, event.language) == (contact.id, ["email", "letter"], "cy")
    assert "resident" not in event.model_dump_json() and "High Street" not in event.model_dump_json()


async def test_a_contact_without_any_address_is_refused_and_nothing_is_kept():
    uow = FakeContactsUnitOfWork()
    with pytest.raises(InvalidInput) as refused:
        await created(uow, ContactDetails(areas=("crewe",)))
    assert refused.value.errors[0].location == ("email",)
    assert uow.contacts.rows == {} and uow.published == []


async def test_a_second_contact_with_the_same_email_is_a_conflict_but_not_in_another_tenant():
    uow = FakeContactsUnitOfWork()
    await created(uow)
    with pytest.raises(Conflict):
        await created(uow, ContactDetails("RESIDENT@example.org"))
    await created(uow, tenant="dyfed-powys")
    assert len(uow.contacts.rows) == 2 and len(uow.published) == 2


async def test_another_tenants_contact_is_not_found():
    uow = FakeContactsUnitOfWork()
    contact = await created(uow)
    calls = (contacts.get_contact(uow, "dyfed-powys", contact.id),
             contacts.erase_contact(uow, "dyfed-powys", contact.id),
             contacts.set_consents(uow, "dyfed-powys", contact.id, [change()], "officer-2"),
             contacts.consents_of(uow, "dyfed-powys", contact.id))
    for call in calls:
        with pytest.raises(NotFound):
            await call
    assert uow.consents.rows == [] and uow.contacts.rows[contact.id] == contact


async def test_every_consent_entry_is_kept_as_evidence_and_only_changes_raise_events():
    uow = FakeContactsUnitOfWork()
    contact = await created(uow)
    await contacts.set_consents(uow, "cheshire", contact.id, [change(), change(False, "surgeries")], "officer-1",
                                clock(1))
    in_force = await contacts.set_consents(uow, "cheshire", contact.id, [change(source="phone")], "officer-2",
                                           clock(2))
    history = await contacts.consents_of(uow, "cheshire", contact.id)
    assert [(r.change.topic, r.change.given, r.change.source, r.recorded_by) for r in history] == [
        ("bulletin", True, "paper_form", "officer-1"), ("surgeries", False, "paper_form", "officer-1"),
        ("bulletin", True, "phone", "officer-2")]
    assert {(r.change.topic, r.change.source) for r in in_force} == {("bulletin", "phone"), ("surgeries", "paper_form")}
    changed = [event for event, _ in uow.published if isinstance(event, ConsentChanged)]
    assert [(e.topic, e.given, e.wording_version, e.changed_at) for e in changed] == [
        ("bulletin", True, "2027-01", NOW + timedelta(days=1))]


async def test_withdrawing_consent_raises_an_event():
    uow = FakeContactsUnitOfWork()
    contact = await created(uow)
    await contacts.set_consents(uow, "cheshire", contact.id, [change()], "officer-1", clock(1))
    await contacts.set_consents(uow, "cheshire", contact.id, [change(False)], "officer-1", clock(2))
    changed = [event.given for event, _ in uow.published if isinstance(event, ConsentChanged)]
    assert changed == [True, False]


async def test_the_same_sender_topic_and_channel_twice_in_one_update_is_refused_whole():
    uow = FakeContactsUnitOfWork()
    contact = await created(uow)
    with pytest.raises(InvalidInput) as refused:
        await contacts.set_consents(uow, "cheshire", contact.id, [change(), change(False)], "officer-1")
    assert refused.value.errors[0].location == (1,) and uow.consents.rows == []


async def test_erasure_blanks_the_contact_keeps_consent_evidence_and_tells_others():
    uow = FakeContactsUnitOfWork()
    contact = await created(uow)
    await contacts.set_consents(uow, "cheshire", contact.id, [change()], "officer-1", clock(1))
    await contacts.erase_contact(uow, "cheshire", contact.id, clock(2))
    stored = uow.contacts.rows[contact.id]
    assert stored.details == ContactDetails() and stored.erased_at == NOW + timedelta(days=2)
    assert [r.contact_id for r in uow.consents.rows] == [contact.id]
    event, tenant = uow.published[-1]
    assert isinstance(event, ContactErased) and (event.contact_id, tenant) == (contact.id, "cheshire")
    for call in (contacts.get_contact(uow, "cheshire", contact.id), contacts.erase_contact(uow, "cheshire", contact.id),
                 contacts.set_consents(uow, "cheshire", contact.id, [change()], "officer-1")):
        with pytest.raises(NotFound):
            await call
    await created(uow)  # the address is free again once erased


def a_suppression(tenant: str = "cheshire", scope: Scope = Scope.GLOBAL, value: str | None = None) -> Suppression:
    return Suppression(uuid.uuid4(), tenant, address_hash(Channel.EMAIL, "resident@example.org"), Channel.EMAIL,
                       SuppressionReason.COMPLAINT, scope, value, NOW, "officer-1")


async def test_a_suppression_is_listed_until_lifted_and_its_lifting_is_kept():
    uow = FakeContactsUnitOfWork()
    added = await suppressions.add_suppression(uow, a_suppression())
    assert await suppressions.list_suppressions(uow, "cheshire", Channel.EMAIL, SuppressionReason.COMPLAINT) == [added]
    assert await suppressions.list_suppressions(uow, "cheshire", reason=SuppressionReason.MANUAL) == []
    removed = await suppressions.remove_suppression(uow, "cheshire", added.id, "asked to be written to again",
                                                    "officer-2", clock(1))
    assert (removed.removed_by, removed.removal_reason) == ("officer-2", "asked to be written to again")
    assert uow.suppressions.rows[added.id] == removed
    assert await suppressions.list_suppressions(uow, "cheshire") == []
    with pytest.raises(NotFound):
        await suppressions.remove_suppression(uow, "cheshire", added.id, "again", "officer-2")


async def test_the_same_suppression_twice_is_a_conflict_but_another_scope_or_tenant_is_not():
    uow = FakeContactsUnitOfWork()
    await suppressions.add_suppression(uow, a_suppression())
    with pytest.raises(Conflict):
        await suppressions.add_suppression(uow, a_suppression())
    await suppressions.add_suppression(uow, a_suppression(scope=Scope.TOPIC, value="bulletin"))
    other = await suppressions.add_suppression(uow, a_suppression("dyfed-powys"))
    assert len(await suppressions.list_suppressions(uow, "cheshire")) == 2
    with pytest.raises(NotFound):
        await suppressions.remove_suppression(uow, "cheshire", other.id, "not ours", "officer-1")


async def test_whether_a_message_may_go_to_a_contact_follows_its_consent_and_its_address_suppressions():
    uow = FakeContactsUnitOfWork()
    contact = await created(uow)
    bulletin = MessageKind(Category.SUBSCRIPTION, "office", "bulletin", Channel.EMAIL)
    reminder = MessageKind(Category.SERVICE, "office", "reminder", Channel.EMAIL)
    decide = contacts.may_send_to
    assert await decide(uow, "cheshire", contact.id, bulletin) == Decision(False, "no_consent")
    assert await decide(uow, "cheshire", contact.id, reminder) == Decision(True)
    await contacts.set_consents(uow, "cheshire", contact.id, [change()], "officer-1", clock(1))
    assert await decide(uow, "cheshire", contact.id, bulletin) == Decision(True)
    await suppressions.add_suppression(uow, a_suppression(scope=Scope.TOPIC, value="bulletin"))
    await suppressions.add_suppression(uow, a_suppression("dyfed-powys"))
    assert await decide(uow, "cheshire", contact.id, bulletin) == Decision(False, "suppressed:complaint")
    assert await decide(uow, "cheshire", contact.id, reminder) == Decision(True)
    by_sms = MessageKind(Category.SERVICE, "office", "reminder", Channel.SMS)
    assert await decide(uow, "cheshire", contact.id, by_sms) == Decision(False, "no_address")
    with pytest.raises(NotFound):
        await decide(uow, "dyfed-powys", contact.id, reminder)
