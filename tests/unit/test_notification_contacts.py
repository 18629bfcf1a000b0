import copy
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from peel.common.contracts.notifications import ConsentChanged, ContactCreated, ContactErased
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.common.events import Event
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
from peel.notifications.contacts.service_layer import contacts, suppressions

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


class FakeContactsUnitOfWork:
    """State and events kept only on commit, as in one PostgreSQL transaction."""

    def __init__(self) -> None:
        self.contacts, self.consents, self.suppressions = FakeContacts(), FakeConsents(), FakeSuppressions()
        self.published: list[tuple[Event, str]] = []
        self._pending: list[tuple[Event, str]] = []
        self._saved: tuple | None = None

    async def __aenter__(self) -> "FakeContactsUnitOfWork":
        self._pending = []
        self._saved = copy.deepcopy((self.contacts.rows, self.consents.rows, self.suppressions.rows))
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._saved is not None:
            self.contacts.rows, self.consents.rows, self.suppressions.rows = self._saved
        self._pending, self._saved = [], None

    def emit(self, event: Event, tenant: str) -> None:
        self._pending.append((event, tenant))

    async def commit(self) -> None:
        self.published.extend(self._pending)
        self._pending, self._saved = [], None


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
