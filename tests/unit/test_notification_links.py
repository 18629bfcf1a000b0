"""Signed links: each page reads only its own tokens, a forged or altered token is refused, a token names its
tenant (changing it breaks the signature), and all but unsubscribe links expire after a year."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from peel.notifications.contacts.domain.links import ACKNOWLEDGE, PREFERENCES, UNSUBSCRIBE, BadLink, Links, token_of
from peel.notifications.settings import NotificationsSettings

NOW = datetime(2027, 1, 10, 9, tzinfo=UTC)
LINKS = Links(b"a real secret of the office", "https://pages.example.org/")
CONTACT, MESSAGE = uuid.uuid4(), uuid.uuid4()


def unsubscribe_token(links: Links = LINKS) -> str:
    return token_of(links.unsubscribe("cheshire", CONTACT, "office", "bulletin", "email", MESSAGE, "cy"))


def test_an_unsubscribe_link_points_at_the_page_in_the_contacts_language_and_reads_back():
    url = LINKS.unsubscribe("cheshire", CONTACT, "office", "bulletin", "email", MESSAGE, "cy")
    assert url.startswith("https://pages.example.org/cy/cheshire/unsubscribe/")
    assert LINKS.read(token_of(url), UNSUBSCRIBE) == {
        "tenant": "cheshire", "contact_id": str(CONTACT), "sender": "office", "topic": "bulletin",
        "channel": "email", "message_id": str(MESSAGE), "language": "cy"}


def test_each_kind_of_link_has_its_own_page():
    organisation, bulletin = uuid.uuid4(), uuid.uuid4()
    assert "/en/cheshire/preferences/" in LINKS.preferences("cheshire", CONTACT, "both")
    ack = LINKS.acknowledge("cheshire", bulletin, organisation, "en")
    assert "/en/cheshire/acknowledge/" in ack
    assert LINKS.read(token_of(ack), ACKNOWLEDGE)["organisation_id"] == str(organisation)
    details = LINKS.council_details("cheshire", organisation, CONTACT, "cy")
    assert "/cy/cheshire/council-details/" in details


def test_a_token_made_for_one_page_is_refused_by_another():
    with pytest.raises(BadLink):
        LINKS.read(unsubscribe_token(), PREFERENCES)


def test_a_token_signed_with_another_secret_is_refused():
    other = Links(b"another office's secret", "https://pages.example.org")
    with pytest.raises(BadLink):
        LINKS.read(unsubscribe_token(other), UNSUBSCRIBE)


@pytest.mark.parametrize("token", ["", "nonsense", "a.b", "....", "eyJ9.x", "%%%.***", "a.é", "é.b"])
def test_garbage_is_refused_not_crashed_on(token: str):
    with pytest.raises(BadLink):
        LINKS.read(token, UNSUBSCRIBE)


def test_moving_a_token_to_another_tenant_breaks_its_signature():
    payload, signature = unsubscribe_token().split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data["tenant"] = "dyfed-powys"
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    with pytest.raises(BadLink):
        LINKS.read(f"{forged}.{signature}", UNSUBSCRIBE)


def test_links_other_than_unsubscribe_expire_after_a_year():
    token = LINKS.sign(PREFERENCES, {"tenant": "cheshire"}, NOW)
    assert LINKS.read(token, PREFERENCES, NOW + timedelta(days=364)) == {"tenant": "cheshire"}
    with pytest.raises(BadLink):
        LINKS.read(token, PREFERENCES, NOW + timedelta(days=366))
    forever = LINKS.sign(UNSUBSCRIBE, {"tenant": "cheshire"}, NOW)
    assert LINKS.read(forever, UNSUBSCRIBE, NOW + timedelta(days=3650)) == {"tenant": "cheshire"}


def test_the_development_link_secret_is_refused_outside_development():
    with pytest.raises(ValidationError, match="LINK_SECRET"):
        NotificationsSettings(environment="production", link_secret="development-link-secret",
                              smtp_host="mail.example.org", pg_password="a-real-one",
                              auth_jwks_url="https://id.example.org/jwks")
    settings = NotificationsSettings(link_secret="a real one", public_pages_url="https://pages.example.org")
    assert settings.links().unsubscribe("t", CONTACT, "o", "b", "email", None, "en").startswith(
        "https://pages.example.org/en/t/unsubscribe/")
