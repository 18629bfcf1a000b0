"""Staff write templates over HTTP: version 1, a later immutable version, a preview; an office's bilingual
layout changes the emails it sends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.mail_platform import MailPlatform
from tests.support.notification_events import notification_events
from tests.support.notification_fuzzing import assert_routes_never_500, needs_schemathesis
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
TEMPLATE = {
    "key": "surgery_sms", "kind": "sms", "category": "service",
    "body": {"en": "Your appointment with ((host)) is on ((starts_at)).",
             "cy": "Mae eich apwyntiad gyda ((host)) ar ((starts_at))."},
    "placeholders": [{"name": "starts_at", "kind": "datetime"}],
}
VALUES = {"host": "the Commissioner", "host_cy": "y Comisiynydd", "starts_at": "2027-03-02T10:00:00Z"}
RECEIPT = {"consultation_title": "Policing priorities", "consultation_title_cy": "Blaenoriaethau plismona",
           "response_id": "r-1", "submitted_at": "2027-01-10T09:00:00Z", "withdrawal_instructions": "Ask us.",
           "withdrawal_instructions_cy": "Gofynnwch i ni."}


async def test_create_a_template_add_a_version_and_preview_it(mail: MailPlatform, token):
    api, officer = mail.notifications, bearer(token("cheshire", "engagement_officer"))
    created = await api.post("/v1/templates", headers=officer, json=TEMPLATE)
    assert created.status_code == 201, created.text
    assert (created.json()["version"], created.json()["kind"]) == (1, "sms")
    assert (await api.post("/v1/templates", headers=officer, json=TEMPLATE)).status_code == 409

    welsh = {**TEMPLATE["body"], "cy": "Mae eich apwyntiad ŵyl gyda ((host)) ar ((starts_at))."}
    second = await api.post("/v1/templates/surgery_sms/versions", headers=officer,
                            json={"body": welsh, "placeholders": TEMPLATE["placeholders"]})
    assert second.status_code == 201 and second.json()["version"] == 2, second.text
    first = (await api.get("/v1/templates/surgery_sms/versions/1", headers=officer)).json()
    assert first["body"] == TEMPLATE["body"]
    assert (await api.get("/v1/templates/surgery_sms", headers=officer)).json()["version"] == 2

    shown = await api.post("/v1/templates/surgery_sms/preview", headers=officer,
                           json={"personalisation": VALUES, "language": "both"})
    assert shown.status_code == 200, shown.text
    preview = shown.json()
    assert preview["html"] is None and preview["sms"]["encoding"] == "UCS-2"
    assert preview["sms"]["characters"] == len(preview["text"]) > 134 and preview["sms"]["segments"] == 3
    assert "2 March 2027 at 10:00" in preview["text"] and "2 Mawrth 2027 am 10:00" in preview["text"]
    older = (await api.post("/v1/templates/surgery_sms/preview", headers=officer,
                            json={"personalisation": VALUES, "version": 1, "language": "en"})).json()
    assert older["text"] == "Your appointment with the Commissioner is on 2 March 2027 at 10:00."
    assert older["sms"] == {"encoding": "GSM-7", "characters": 67, "segments": 1} and older["warnings"] == []

    events = await notification_events(mail, kind="peel.notifications.template.")
    assert [(e["data"]["key"], e["data"]["version"]) for e in events] == [("surgery_sms", 1), ("surgery_sms", 2)]
    assert not any("Commissioner" in json.dumps(event) for event in events)


async def test_listing_unknown_templates_other_tenants_and_residents(mail: MailPlatform, token):
    api, officer = mail.notifications, bearer(token("cheshire", "admin"))
    assert (await api.post("/v1/templates", headers=officer, json=TEMPLATE)).status_code == 201
    listed = (await api.get("/v1/templates?kind=sms", headers=officer)).json()
    assert [t["key"] for t in listed] == ["surgery_sms"]
    everything = {t["key"]: t["built_in"] for t in (await api.get("/v1/templates", headers=officer)).json()}
    assert everything["consultation_receipt"] is True and everything["surgery_sms"] is False
    elsewhere = bearer(token("gwent", "admin"))
    assert (await api.get("/v1/templates/surgery_sms", headers=elsewhere)).status_code == 404
    assert (await api.get("/v1/templates/birthday", headers=officer)).status_code == 404
    assert (await api.get("/v1/templates/surgery_sms/versions/9", headers=officer)).status_code == 404
    assert (await api.get("/v1/templates", headers=bearer(token("cheshire", "resident")))).status_code == 403
    machine = mail.client_token("templates-bot", scope="notifications:templates")
    assert (await api.get("/v1/templates/consultation_receipt", headers=machine)).status_code == 200


async def test_bad_bodies_get_422_naming_the_field(mail: MailPlatform, token):
    api, officer = mail.notifications, bearer(token("cheshire", "admin"))
    cases = [
        ({**TEMPLATE, "key": "Has Spaces"}, ("body", "key")),
        ({**TEMPLATE, "kind": "pigeon"}, ("body", "kind")),
        ({**TEMPLATE, "body": {"en": "", "cy": ""}}, ("body", "body", "en")),
        ({**TEMPLATE, "placeholders": [{"name": "ghost"}]}, ("body", "placeholders", 0, "name")),
        ({**TEMPLATE, "kind": "email"}, ("body", "subject", "en")),
        ({**TEMPLATE, "key": "layout"}, ("body", "key")),
    ]
    for body, location in cases:
        refused = await api.post("/v1/templates", headers=officer, json=body)
        assert refused.status_code == 422, (body, refused.text)
        assert location in [tuple(error["loc"]) for error in refused.json()["detail"]], refused.text
    preview = await api.post("/v1/templates/consultation_receipt/preview", headers=officer,
                             json={"language": "fr"})
    assert preview.status_code == 422


async def test_welsh_first_layout_changes_the_email_sent(mail: MailPlatform, token):
    api, admin = mail.notifications, bearer(token("cheshire", "admin"))
    assert (await api.get("/v1/templates/layout", headers=admin)).json() == {"layout": "en_first"}
    officer = bearer(token("cheshire", "engagement_officer"))
    assert (await api.put("/v1/templates/layout", headers=officer, json={"layout": "cy_first"})).status_code == 403
    chosen = await api.put("/v1/templates/layout", headers=admin, json={"layout": "cy_first"})
    assert chosen.status_code == 200 and chosen.json() == {"layout": "cy_first"}

    preview = (await api.post("/v1/templates/consultation_receipt/preview", headers=admin,
                              json={"personalisation": RECEIPT, "channel": "email"})).json()
    assert preview["html"].index('lang="cy"') < preview["html"].index('<div class="part" lang="en"')
    sent = await api.post("/v1/messages", headers=mail.client_token("peel-consultation"), json={
        "template": "consultation_receipt", "email_address": "resident@example.org", "reference": "r-cy",
        "personalisation": RECEIPT})
    assert sent.status_code == 201, sent.text
    [email] = await eventually(lambda: _received(mail))
    assert str(email["Subject"]).startswith("Eich ymateb i Blaenoriaethau plismona / ")
    text = email.get_body(("plain",)).get_content()
    html = email.get_body(("html",)).get_content()
    assert text.index("Diolch am ymateb") < text.index("Thank you for responding")
    assert '<html lang="cy">' in html and html.index('<div class="part" lang="cy">') < html.index('lang="en"')


async def _received(mail: MailPlatform) -> list | None:
    return list(mail.sink.received) or None


@needs_schemathesis
async def test_no_templates_request_answers_500(mail: MailPlatform, token, tmp_path: Path):
    """Fuzzed bodies, queries and paths against the templates routes, with a real template's key."""
    admin = token("cheshire", "admin")
    assert (await mail.notifications.post("/v1/templates", headers=bearer(admin), json=TEMPLATE)).status_code == 201
    await assert_routes_never_500(mail.notifications, admin, "^/v1/templates", {"key": "surgery_sms"}, tmp_path)
