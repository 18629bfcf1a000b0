"""Unsubscribing takes effect at once and all together, and only once; asking for fewer keeps the subscription
as a digest; preferences are checked before anything is kept; erasure reaches the contact's messages."""

from __future__ import annotations

import uuid
from datetime import time

import pytest

from peel.common.contracts.notifications.contacts import (
    ConsentChanged,
    ContactSubscribed,
    ContactUnsubscribed,
    PreferencesChanged,
)
from peel.common.errors import InvalidInput, NotFound
from peel.notifications.contacts.domain.consents import Channel, Scope, SuppressionReason, address_hash
from peel.notifications.contacts.domain.contacts import ContactDetails
from peel.notifications.contacts.domain.organisations import Kind, OrganisationDetails, Role, RoleHolder
from peel.notifications.contacts.domain.preferences import QuietTime, Subscription
from peel.notifications.contacts.domain.unsubscribing import How, UnsubscribeLink
from peel.notifications.contacts.service_layer import contacts, organisations, own_preferences, unsubscribing
from peel.notifications.contacts.service_layer.preferences import Change, change_preferences
from peel.notifications.messages.domain.checks import Frequency
from tests.unit.test_notification_contacts import FakeContactsUnitOfWork, change, clock, created

MESSAGE = uuid.uuid4()


def link_for(contact_id: uuid.UUID, topic: str = "bulletin", tenant: str = "cheshire") -> UnsubscribeLink:
    return UnsubscribeLink(tenant, contact_id, "office", topic, Channel.EMAIL, MESSAGE, "en")


async def subscribed(uow: FakeContactsUnitOfWork):
    contact = await created(uow)
    await contacts.set_consents(uow, "cheshire", contact.id, [change(), change(topic="safety")], "officer-1")
    await change_preferences(uow, "cheshire", contact.id, Change(subscriptions=[
        Subscription("office", "bulletin"), Subscription("office", "safety")]), clock())
    uow.published.clear()
    return contact


def events_of(uow: FakeContactsUnitOfWork, kind: type) -> list:
    return [event for event, _ in uow.published if isinstance(event, kind)]


async def test_unsubscribing_withdraws_consent_suppresses_the_topic_keeps_evidence_and_stops_unsent_messages():
    uow = FakeContactsUnitOfWork()
    contact = await subscribed(uow)
    queued = uow.messages.queue(contact)
    held = uow.messages.queue(contact, status="held")
    gone = uow.messages.queue(contact, status="sent")
    other_topic = uow.messages.queue(contact, topic="safety")
    by_sms = uow.messages.queue(contact, channel="sms")

    assert await unsubscribing.unsubscribe(uow, link_for(contact.id), How.ONE_CLICK, clock(1))

    statuses = {key: uow.messages.rows[key]["status"] for key in (queued, held, gone, other_topic, by_sms)}
    assert statuses == {queued: "suppressed", held: "suppressed", gone: "sent", other_topic: "created",
                        by_sms: "created"}
    assert uow.messages.rows[queued]["reason"] == "suppressed:unsubscribe"
    [suppression] = uow.suppressions.rows.values()
    assert (suppression.reason, suppression.scope, suppression.scope_value, suppression.address_hash) == (
        SuppressionReason.UNSUBSCRIBE, Scope.TOPIC, "bulletin", address_hash(Channel.EMAIL, contact.details.email))
    [record] = uow.unsubscriptions.rows
    assert (record.contact_id, record.topic, record.message_id, record.how) == (
        contact.id, "bulletin", MESSAGE, How.ONE_CLICK)
    [withdrawn] = events_of(uow, ConsentChanged)
    assert (withdrawn.topic, withdrawn.given, withdrawn.source) == ("bulletin", False, "one_click_unsubscribe")
    [told] = events_of(uow, ContactUnsubscribed)
    assert (told.topic, told.channel, told.how, told.message_id) == ("bulletin", "email", "one_click_unsubscribe",
                                                                     MESSAGE)
    followed = (await uow.preferences.get(contact.id)).subscriptions
    assert [s.topic for s in followed] == ["safety"]


async def test_unsubscribing_twice_keeps_nothing_new_but_still_stops_a_message_queued_since():
    uow = FakeContactsUnitOfWork()
    contact = await subscribed(uow)
    await unsubscribing.unsubscribe(uow, link_for(contact.id), How.PAGE, clock(1))
    later = uow.messages.queue(contact)

    assert not await unsubscribing.unsubscribe(uow, link_for(contact.id), How.ONE_CLICK, clock(2))

    assert len(uow.unsubscriptions.rows) == 1 and len(uow.suppressions.rows) == 1
    assert len(events_of(uow, ContactUnsubscribed)) == 1
    assert uow.messages.rows[later]["status"] == "suppressed"


async def test_the_standing_of_a_link_says_whether_the_contact_is_unsubscribed_and_how_often_it_hears():
    uow = FakeContactsUnitOfWork()
    contact = await subscribed(uow)
    before = await unsubscribing.standing(uow, link_for(contact.id))
    assert (before.unsubscribed, before.frequency) == (False, Frequency.IMMEDIATELY)
    await unsubscribing.unsubscribe(uow, link_for(contact.id), How.PAGE, clock(1))
    after = await unsubscribing.standing(uow, link_for(contact.id))
    assert (after.unsubscribed, after.frequency) == (True, None)


async def test_a_link_of_another_tenant_or_an_erased_contact_finds_nobody():
    uow = FakeContactsUnitOfWork()
    contact = await subscribed(uow)
    with pytest.raises(NotFound):
        await unsubscribing.unsubscribe(uow, link_for(contact.id, tenant="dyfed-powys"), How.PAGE)
    await contacts.erase_contact(uow, "cheshire", contact.id)
    with pytest.raises(NotFound):
        await unsubscribing.unsubscribe(uow, link_for(contact.id), How.PAGE)


async def test_fewer_keeps_the_subscription_as_a_digest():
    uow = FakeContactsUnitOfWork()
    contact = await subscribed(uow)

    await unsubscribing.fewer(uow, link_for(contact.id), Frequency.WEEKLY, clock(1))

    found = (await uow.preferences.get(contact.id)).subscription("office", "bulletin")
    assert found is not None and found.frequency is Frequency.WEEKLY
    [changed] = events_of(uow, PreferencesChanged)
    assert (changed.change, changed.topic, changed.frequency) == ("frequency", "bulletin", "weekly")
    assert uow.suppressions.rows == {} and uow.unsubscriptions.rows == []
    with pytest.raises(InvalidInput) as refused:
        await unsubscribing.fewer(uow, link_for(contact.id), Frequency.IMMEDIATELY)
    assert refused.value.errors[0].location == ("frequency",)


async def test_subscriptions_are_replaced_with_an_event_for_each_change():
    uow = FakeContactsUnitOfWork()
    contact = await subscribed(uow)
    await change_preferences(uow, "cheshire", contact.id, Change(subscriptions=[
        Subscription("office", "bulletin", Frequency.DAILY), Subscription("force", "roads")]), clock())
    kinds = sorted((type(e).__name__, getattr(e, "change", None), e.topic) for e, _ in uow.published)
    assert kinds == [("ContactSubscribed", None, "roads"), ("PreferencesChanged", "frequency", "bulletin"),
                     ("PreferencesChanged", "unfollowed", "safety")]


@pytest.mark.parametrize(("change_", "location"), [
    (Change(subscriptions=[Subscription("office", "a"), Subscription("office", "a", Frequency.DAILY)]),
     ("subscriptions", 1)),
    (Change(quiet_hours=[QuietTime(Channel.SMS, time(21), time(8)), QuietTime(Channel.SMS, time(1), time(2))]),
     ("quiet_hours", 1, "channel")),
    (Change(quiet_hours=[QuietTime(Channel.SMS, time(21), time(21))]), ("quiet_hours", 0, "ends")),
    (Change(weekly_cap=101, weekly_cap_given=True), ("weekly_cap",)),
])
async def test_bad_preferences_are_refused_whole_naming_the_field(change_: Change, location: tuple):
    uow = FakeContactsUnitOfWork()
    contact = await subscribed(uow)
    before = await uow.preferences.get(contact.id)
    with pytest.raises(InvalidInput) as refused:
        await change_preferences(uow, "cheshire", contact.id, change_)
    assert refused.value.errors[0].location == location
    assert await uow.preferences.get(contact.id) == before and uow.published == []


async def test_quiet_hours_and_the_weekly_cap_are_kept_and_told_without_personal_data():
    uow = FakeContactsUnitOfWork()
    contact = await subscribed(uow)
    quiet = QuietTime(Channel.EMAIL, time(21), time(8))
    found = await change_preferences(uow, "cheshire", contact.id,
                                     Change(quiet_hours=[quiet], weekly_cap=3, weekly_cap_given=True))
    assert (found.quiet_hours, found.weekly_cap) == ((quiet,), 3)
    assert sorted(e.change for e in events_of(uow, PreferencesChanged)) == ["quiet_hours", "weekly_cap"]


async def test_following_again_on_ones_own_page_gives_consent_and_lifts_ones_own_unsubscription():
    uow = FakeContactsUnitOfWork()
    contact = await subscribed(uow)
    await unsubscribing.unsubscribe(uow, link_for(contact.id), How.PAGE, clock(1))
    followed = [own_preferences.Followed(Subscription("office", "bulletin"), (Channel.EMAIL,))]

    found = await own_preferences.change_own_preferences(uow, "cheshire", contact.id, followed, Change(), clock(2))

    assert [(f.subscription.topic, f.channels) for f in found.followed] == [("bulletin", (Channel.EMAIL,))]
    assert all(s.removed_at is not None for s in uow.suppressions.rows.values())
    gave, withdrew = sorted(events_of(uow, ConsentChanged)[-2:], key=lambda e: e.topic)
    assert (gave.topic, gave.given, withdrew.topic, withdrew.given) == ("bulletin", True, "safety", False)
    assert not (await unsubscribing.standing(uow, link_for(contact.id))).unsubscribed


async def test_a_channel_without_an_address_cannot_be_chosen_on_ones_own_page():
    uow = FakeContactsUnitOfWork()
    contact = await subscribed(uow)
    followed = [own_preferences.Followed(Subscription("office", "bulletin"), (Channel.SMS,))]
    with pytest.raises(InvalidInput) as refused:
        await own_preferences.change_own_preferences(uow, "cheshire", contact.id, followed, Change())
    assert refused.value.errors[0].location == ("subscriptions", 0, "channels")


async def test_erasure_blanks_and_cancels_the_contacts_messages_and_drops_its_roles_keeping_unsubscriptions():
    uow = FakeContactsUnitOfWork()
    contact = await subscribed(uow)
    await unsubscribing.unsubscribe(uow, link_for(contact.id, topic="safety"), How.PAGE, clock(1))
    queued, sent = uow.messages.queue(contact), uow.messages.queue(contact, status="delivered")
    council = await organisations.create_organisation(uow, "cheshire", OrganisationDetails(
        "Audlem PC", Kind.PARISH_COUNCIL, "audlem", (RoleHolder(Role.CLERK, contact.id),)), "officer-1")

    await contacts.erase_contact(uow, "cheshire", contact.id, clock(2))

    assert uow.messages.rows[queued]["status"] == "cancelled"
    assert uow.messages.rows[sent]["status"] == "delivered"
    assert all(m["recipient"] is None and m["personalisation"] == {} for m in uow.messages.rows.values())
    assert uow.organisations.rows[council.id].roles == ()
    assert [u.contact_id for u in uow.unsubscriptions.rows] == [contact.id]
    assert (await uow.preferences.get(contact.id)).subscriptions == ()
    assert uow.contacts.rows[contact.id].details == ContactDetails()


async def test_events_name_no_address():
    uow = FakeContactsUnitOfWork()
    contact = await subscribed(uow)
    await unsubscribing.unsubscribe(uow, link_for(contact.id), How.PAGE, clock(1))
    assert all("resident@" not in event.model_dump_json() for event, _ in uow.published)
    assert events_of(uow, ContactSubscribed) == []


async def test_ones_own_page_is_checked_like_staffs_before_any_consent_is_kept():
    uow = FakeContactsUnitOfWork()
    contact = await subscribed(uow)
    twice = [own_preferences.Followed(Subscription("office", "roads"), (Channel.EMAIL,))] * 2
    with pytest.raises(InvalidInput) as refused:
        await own_preferences.change_own_preferences(uow, "cheshire", contact.id, twice, Change())
    assert refused.value.errors[0].location == ("subscriptions", 1)
    quiet = [QuietTime(Channel.EMAIL, time(21), time(8)), QuietTime(Channel.EMAIL, time(22), time(7))]
    with pytest.raises(InvalidInput):
        await own_preferences.change_own_preferences(uow, "cheshire", contact.id, None, Change(quiet_hours=quiet))
    assert uow.published == [] and len(uow.consents.rows) == 2
