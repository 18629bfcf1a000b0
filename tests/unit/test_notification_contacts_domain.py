import uuid
from datetime import UTC, datetime, timedelta

from peel.notifications.contacts.domain.consents import (
    Category,
    Channel,
    Consent,
    ConsentChange,
    Scope,
    Suppression,
    SuppressionReason,
    address_hash,
    in_force,
    may_send,
)
from peel.notifications.contacts.domain.contacts import ContactDetails, Language, LanguageChoice, new_contact

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
CONTACT = uuid.uuid4()
HASH = address_hash(Channel.EMAIL, "resident@example.org")


def consent(given: bool = True, at: datetime = NOW, topic: str = "bulletin", channel: Channel = Channel.EMAIL,
            sender: str = "office") -> Consent:
    change = ConsentChange(sender, topic, channel, given, "paper_form", "2027-01")
    return Consent(uuid.uuid4(), CONTACT, change, at, "officer-1")


def suppression(reason: SuppressionReason = SuppressionReason.MANUAL, scope: Scope = Scope.GLOBAL,
                scope_value: str | None = None, channel: Channel = Channel.EMAIL, **changes) -> Suppression:
    return Suppression(uuid.uuid4(), "cheshire", HASH, channel, reason, scope, scope_value, NOW, "officer-1",
                       **changes)


def decide(category: Category, consents=(), suppressions=(), sender="office", topic="bulletin",
           channel=Channel.EMAIL) -> tuple[bool, str | None]:
    decision = may_send(category, consents, suppressions, sender, topic, channel)
    return decision.allowed, decision.reason


def test_a_subscription_message_needs_consent_in_force_for_its_sender_topic_and_channel():
    assert decide(Category.SUBSCRIPTION) == (False, "no_consent")
    assert decide(Category.SUBSCRIPTION, [consent()]) == (True, None)
    for other in (consent(topic="surgeries"), consent(sender="force"), consent(channel=Channel.SMS)):
        assert decide(Category.SUBSCRIPTION, [other]) == (False, "no_consent")


def test_the_latest_record_is_in_force_whatever_order_they_come_in():
    given, withdrawn = consent(True, NOW), consent(False, NOW + timedelta(days=1))
    assert decide(Category.SUBSCRIPTION, [withdrawn, given]) == (False, "no_consent")
    again = consent(True, NOW + timedelta(days=2))
    assert decide(Category.SUBSCRIPTION, [again, given, withdrawn]) == (True, None)
    assert in_force([given, withdrawn, again]) == {("office", "bulletin", Channel.EMAIL): again}


def test_service_and_stakeholder_messages_need_no_consent():
    for category in (Category.SERVICE, Category.STAKEHOLDER):
        assert decide(category) == (True, None)
        assert decide(category, [consent(False)]) == (True, None)


def test_a_global_suppression_stops_every_category_with_its_reason():
    for reason in SuppressionReason:
        for category in Category:
            assert decide(category, [consent()], [suppression(reason)]) == (False, f"suppressed:{reason.value}")


def test_a_sender_or_topic_suppression_stops_only_that_sender_or_topic():
    by_sender = suppression(SuppressionReason.UNSUBSCRIBE, Scope.SENDER, "force")
    by_topic = suppression(SuppressionReason.UNSUBSCRIBE, Scope.TOPIC, "bulletin")
    assert decide(Category.SERVICE, [], [by_sender], sender="force") == (False, "suppressed:unsubscribe")
    assert decide(Category.SERVICE, [], [by_sender], sender="office") == (True, None)
    assert decide(Category.SERVICE, [], [by_topic], topic="bulletin") == (False, "suppressed:unsubscribe")
    assert decide(Category.SERVICE, [], [by_topic], topic="reminder") == (True, None)


def test_a_suppression_of_another_channel_or_lifted_stops_nothing():
    lifted = suppression(removed_at=NOW, removed_by="officer-2", removal_reason="asked again")
    assert decide(Category.SUBSCRIPTION, [consent()], [suppression(channel=Channel.SMS), lifted]) == (True, None)


def test_an_address_hash_ignores_case_and_spaces_and_differs_by_channel():
    assert address_hash(Channel.EMAIL, " Resident@Example.ORG ") == HASH
    assert address_hash(Channel.SMS, "+44 7700 900123") == address_hash(Channel.SMS, "+447700900123")
    assert address_hash(Channel.SMS, "resident@example.org") != HASH
    assert "resident" not in HASH


def test_erasure_keeps_only_the_id_tenant_and_dates():
    details = ContactDetails("resident@example.org", "+447700900123", ("1 High Street", "CW1 1AA"),
                             LanguageChoice(Language.WELSH, NOW, "paper_form"), ("crewe",))
    contact = new_contact("cheshire", details, "officer-1", NOW)
    erased = contact.erase(NOW + timedelta(days=1))
    assert erased.erased and not contact.erased
    assert (erased.id, erased.tenant, erased.details) == (contact.id, "cheshire", ContactDetails())
    assert not erased.details.reachable() and details.reachable()
