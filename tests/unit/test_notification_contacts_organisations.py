"""Organisations and their role holders; a council confirming or correcting its details from its link; the
yearly check asking the clerk (else the generic inbox) once a year, not again within 30 days."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from peel.common.contracts.notifications.contacts import OrganisationCheckRequested, OrganisationConfirmed
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.notifications.contacts.domain.audience import Recipient
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.contacts.domain.contacts import ContactDetails
from peel.notifications.contacts.domain.links import COUNCIL_DETAILS, Links, token_of
from peel.notifications.contacts.domain.organisations import (
    Correction,
    Kind,
    Organisation,
    OrganisationDetails,
    Role,
    RoleHolder,
)
from peel.notifications.contacts.service_layer import organisations
from peel.notifications.contacts.service_layer.council_checks import ask_due_checks
from peel.notifications.messages.domain.checks import RecipientFacts
from tests.unit.test_notification_contacts import NOW, FakeContactsUnitOfWork, clock, created

LINKS = Links(b"secret", "https://pages.example.org")


def council(*roles: RoleHolder, name: str = "Audlem PC", area: str = "audlem") -> OrganisationDetails:
    return OrganisationDetails(name, Kind.PARISH_COUNCIL, area, roles)


async def test_an_organisation_is_recorded_listed_changed_and_kept_within_its_tenant():
    uow = FakeContactsUnitOfWork()
    clerk = await created(uow)
    made = await organisations.create_organisation(uow, "cheshire", council(RoleHolder(Role.CLERK, clerk.id)),
                                                   "officer-1", clock())
    await organisations.create_organisation(uow, "cheshire", OrganisationDetails("Fire", Kind.PARTNER, "crewe"),
                                            "officer-1")
    listed = await organisations.list_organisations(uow, "cheshire", "parish_council")
    assert [o.id for o in listed] == [made.id]
    changed = await organisations.update_organisation(uow, "cheshire", made.id, council(name="Audlem Parish"))
    assert (changed.name, changed.roles) == ("Audlem Parish", ())
    with pytest.raises(NotFound):
        await organisations.get_organisation(uow, "dyfed-powys", made.id)


async def test_a_role_holder_must_be_a_live_contact_of_the_tenant_and_hold_a_role_once():
    uow = FakeContactsUnitOfWork()
    elsewhere = await created(uow, tenant="dyfed-powys")
    with pytest.raises(InvalidInput) as refused:
        await organisations.create_organisation(uow, "cheshire", council(RoleHolder(Role.CLERK, elsewhere.id)), "o")
    assert refused.value.errors[0].location == ("roles", 0, "contact_id")
    clerk = await created(uow)
    twice = council(RoleHolder(Role.CLERK, clerk.id), RoleHolder(Role.CLERK, clerk.id))
    with pytest.raises(InvalidInput) as repeated:
        await organisations.create_organisation(uow, "cheshire", twice, "o")
    assert repeated.value.errors[0].location == ("roles", 1)
    assert uow.organisations.rows == {}


async def test_a_clerk_confirms_or_corrects_and_who_did_what_when_is_kept():
    uow = FakeContactsUnitOfWork()
    clerk = await created(uow)
    made = await organisations.create_organisation(uow, "cheshire", council(RoleHolder(Role.CLERK, clerk.id)), "o")

    shown = await organisations.confirm_council_details(uow, "cheshire", made.id, clerk.id, None, clock(1))
    assert shown.organisation.last_confirmed_at == NOW + timedelta(days=1) and shown.role == "clerk"
    fixed = await organisations.confirm_council_details(
        uow, "cheshire", made.id, clerk.id, Correction(name="A. Clerk", email="clerk@audlem.example"), clock(2))

    assert (fixed.contact.details.name, fixed.contact.details.email) == ("A. Clerk", "clerk@audlem.example")
    assert [(u[2], u[3]) for u in uow.organisations.updates] == [("confirmed", []), ("corrected", ["name", "email"])]
    assert [e.fields for e, _ in uow.published if isinstance(e, OrganisationConfirmed)] == [[], ["name", "email"]]


async def test_a_correction_to_an_address_another_contact_has_is_a_conflict_and_changes_nothing():
    uow = FakeContactsUnitOfWork()
    await created(uow, ContactDetails("taken@example.org"))
    clerk = await created(uow)
    made = await organisations.create_organisation(uow, "cheshire", council(RoleHolder(Role.CLERK, clerk.id)), "o")
    with pytest.raises(Conflict):
        await organisations.confirm_council_details(uow, "cheshire", made.id, clerk.id,
                                                    Correction(email="taken@example.org"))
    assert uow.organisations.rows[made.id].last_confirmed_at is None


class FakeChecks:
    def __init__(self, uow: FakeContactsUnitOfWork) -> None:
        self.rows: list[tuple] = []
        self.queued: list = []
        self._uow = uow

    async def claim_due(self, now, limit) -> list[Organisation]:
        asked = {row[0]: row[3] for row in self.rows}
        return [o for o in self._uow.organisations.rows.values()
                if o.due_for_check(asked.get(o.id), now)][:limit]

    async def recipient(self, tenant, contact_id, now) -> Recipient | None:
        contact = self._uow.contacts.rows.get(contact_id)
        if contact is None or contact.details.email is None:
            return None
        return Recipient(contact_id, Channel.EMAIL, contact.details.email, "cy", "council_details",
                         RecipientFacts(consent_given=False))

    async def queue(self, message) -> None:
        self.queued.append(message)

    async def record(self, organisation, contact_id, message_id, at) -> None:
        self.rows.append((organisation.id, contact_id, message_id, at))


class FakeChecksUnitOfWork(FakeContactsUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.checks = FakeChecks(self)


async def test_the_yearly_check_asks_the_clerk_else_the_inbox_once_and_not_again_within_thirty_days():
    uow = FakeChecksUnitOfWork()
    clerk, inbox = await created(uow), await created(uow, ContactDetails("inbox@parish.example"))
    with_clerk = await organisations.create_organisation(
        uow, "cheshire", council(RoleHolder(Role.GENERIC_INBOX, inbox.id), RoleHolder(Role.CLERK, clerk.id)), "o",
        clock())
    inbox_only = await organisations.create_organisation(
        uow, "cheshire", council(RoleHolder(Role.GENERIC_INBOX, inbox.id), name="Buerton"), "o", clock())

    assert await ask_due_checks(uow, LINKS, clock(364)) == 0
    assert await ask_due_checks(uow, LINKS, clock(366)) == 2
    assert await ask_due_checks(uow, LINKS, clock(380)) == 0
    assert await ask_due_checks(uow, LINKS, clock(397)) == 2

    first = {m.organisation_id: m for m in uow.checks.queued[:2]}
    assert (first[with_clerk.id].contact_id, first[inbox_only.id].contact_id) == (clerk.id, inbox.id)
    message = first[with_clerk.id]
    assert message.status == "created" and message.personalisation["organisation_name"] == "Audlem PC"
    data = LINKS.read(token_of(message.personalisation["council_details_url"]), COUNCIL_DETAILS, NOW)
    assert (data["organisation_id"], data["contact_id"]) == (str(with_clerk.id), str(clerk.id))
    requested = [e for e, _ in uow.published if isinstance(e, OrganisationCheckRequested)]
    assert len(requested) == 4


async def test_a_confirmed_council_is_not_asked_for_another_year():
    uow = FakeChecksUnitOfWork()
    clerk = await created(uow)
    made = await organisations.create_organisation(uow, "cheshire", council(RoleHolder(Role.CLERK, clerk.id)), "o",
                                                   clock())
    await organisations.confirm_council_details(uow, "cheshire", made.id, clerk.id, None, clock(300))
    assert await ask_due_checks(uow, LINKS, clock(400)) == 0
    assert await ask_due_checks(uow, LINKS, clock(666)) == 1


async def test_a_council_with_nobody_to_ask_is_recorded_as_asked_without_a_message():
    uow = FakeChecksUnitOfWork()
    await organisations.create_organisation(uow, "cheshire", council(), "o", clock())
    assert await ask_due_checks(uow, LINKS, clock(366)) == 1
    assert uow.checks.queued == [] and [row[2] for row in uow.checks.rows] == [None]
    assert not any(isinstance(e, OrganisationCheckRequested) for e, _ in uow.published)


def test_the_check_is_due_a_year_after_the_last_confirmation_and_not_within_thirty_days_of_asking():
    made = Organisation(uuid.uuid4(), "t", "n", Kind.PARTNER, "a", NOW, "o")
    assert not made.due_for_check(None, NOW + timedelta(days=364))
    assert made.due_for_check(None, NOW + timedelta(days=365))
    assert not made.due_for_check(NOW + timedelta(days=360), NOW + timedelta(days=370))
    assert not made.confirmed(NOW + timedelta(days=100)).due_for_check(None, NOW + timedelta(days=400))
