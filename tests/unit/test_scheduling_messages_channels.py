import uuid
from datetime import UTC, datetime, timedelta

import pytest

from peel.common.notify.client import request_body
from peel.common.notify.emails import OutgoingEmail
from peel.scheduling.assemblies.domain.registration import FormKey
from peel.scheduling.messages.domain.channels import Address, email_else_text, email_only, uk_mobile
from peel.scheduling.messages.domain.message_emails import BookingFacts, Links, booking_email
from peel.scheduling.messages.domain.messages import MessageKind
from peel.scheduling.surgeries.domain.links import LinkKey

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
LINKS = Links("https://peel.example", {}, LinkKey(b"k" * 32), FormKey(b"f" * 32))


def facts(**changes: object) -> BookingFacts:
    base = {"tenant": "cheshire", "booking_id": uuid.uuid4(), "status": "confirmed", "name": "Jo Bloggs",
            "email": None, "phone": "07700 900123", "from_waitlist": False, "starts_at": NOW + timedelta(days=1),
            "minutes": 15, "host": "The Commissioner", "venue": None}
    return BookingFacts(**{**base, **changes})


@pytest.mark.parametrize(("phone", "expected"), [
    ("07700 900123", "+447700900123"),
    ("+44 (0)7700 900111", "+447700900111"),
    ("07912 345678", "+447912345678"),
    ("01270 686000", None),  # a landline
    ("0800 123 4567", None),
    ("not a number", None),
    ("", None),
    (None, None),
])
def test_only_numbers_that_take_a_text_are_mobiles(phone, expected):
    assert uk_mobile(phone) == expected


def test_email_comes_first_then_a_mobile():
    assert email_else_text("jo@example.org", "07700 900123") == Address("email", "jo@example.org")
    assert email_else_text(None, "07700 900123") == Address("sms", "+447700900123")
    assert email_else_text(None, "01270 686000") is None
    assert email_only(None, "07700 900123") is None


def test_a_reminder_to_a_booker_with_only_a_mobile_is_a_text_message():
    reminder = booking_email(MessageKind.BOOKING_REMINDER, uuid.uuid4(), facts(), LINKS, NOW)
    assert (reminder.channel, reminder.phone_number, reminder.email_address) == ("sms", "+447700900123", None)
    assert reminder.template == "surgery_booking_reminder" and reminder.personalisation["name"] == "Jo Bloggs"


def test_a_reminder_to_a_booker_with_an_email_address_stays_an_email():
    reminder = booking_email(MessageKind.BOOKING_REMINDER, uuid.uuid4(), facts(email="jo@example.org"), LINKS, NOW)
    assert (reminder.channel, reminder.email_address, reminder.phone_number) == ("email", "jo@example.org", None)


def test_other_booking_messages_still_go_by_email_only():
    for kind in (MessageKind.BOOKING_CONFIRMED, MessageKind.BOOKING_MOVED):
        assert booking_email(kind, uuid.uuid4(), facts(), LINKS, NOW) is None


def test_no_text_for_a_cancelled_booking_a_past_one_or_someone_erased():
    message = uuid.uuid4()
    assert booking_email(MessageKind.BOOKING_REMINDER, message, facts(status="cancelled"), LINKS, NOW) is None
    assert booking_email(MessageKind.BOOKING_REMINDER, message, facts(starts_at=NOW), LINKS, NOW) is None
    assert booking_email(MessageKind.BOOKING_REMINDER, message, facts(name=None, phone=None), LINKS, NOW) is None


def test_an_email_request_is_unchanged_and_a_text_names_its_channel_number_and_category():
    email = OutgoingEmail("cheshire", "jo@example.org", "ref-1", {"name": "Jo"}, "surgery_booking_reminder")
    assert request_body(email) == {"template": "surgery_booking_reminder", "email_address": "jo@example.org",
                                   "reference": "ref-1", "personalisation": {"name": "Jo"}}
    text = OutgoingEmail("cheshire", None, "ref-2", {"name": "Jo"}, "surgery_booking_reminder", channel="sms",
                         phone_number="+447700900123")
    assert request_body(text) == {"template": "surgery_booking_reminder", "reference": "ref-2",
                                  "personalisation": {"name": "Jo"}, "channel": "sms",
                                  "phone_number": "+447700900123", "category": "service"}
