"""No request to the consultation, reporting or notifications APIs answers 500, whatever its body (schemathesis)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.consultations import create_open
from tests.support.fuzzing import SCHEMATHESIS, assert_no_500, fuzz
from tests.support.platform import Platform
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


@pytest.mark.skipif(shutil.which(str(SCHEMATHESIS)) is None, reason="schemathesis is a dev dependency")
@pytest.mark.parametrize("service", ["consultation", "reporting", "notifications"])
async def test_no_request_answers_500(platform: Platform, token, service: str):
    client = getattr(platform, service)
    assert_no_500(*await fuzz(str(client.base_url).rstrip("/"), token("cheshire", "admin")))


@pytest.mark.skipif(shutil.which(str(SCHEMATHESIS)) is None, reason="schemathesis is a dev dependency")
async def test_no_request_about_real_resources_answers_500(platform: Platform, token, tmp_path: Path):
    """Fuzzed bodies, queries and headers against an open consultation (also through its office), a response and a
    Panel meeting."""
    admin = token("cheshire", "admin")
    ids = await real_resources(platform, bearer(admin))
    config = tmp_path / "schemathesis.toml"
    config.write_text("[parameters]\n" + "".join(f'"path.{name}" = "{value}"\n' for name, value in ids.items()))
    for service in ("consultation", "reporting"):
        assert_no_500(*await fuzz(str(getattr(platform, service).base_url).rstrip("/"), admin, config))


async def real_resources(platform: Platform, admin: dict[str, str]) -> dict[str, str]:
    consultation_id = await create_open(platform, admin)
    submitted = await platform.consultation.post(f"/v1/consultations/{consultation_id}/responses",
                                                 json={"answers": {"priority": "asb", "comments": "More patrols"},
                                                       "publish_consent": True})
    starts_at = (datetime.now(UTC) + timedelta(days=60)).isoformat()
    meeting = await platform.consultation.post("/v1/panel/meetings", headers=admin, json={
        "starts_at": starts_at, "title": {"en": "Police and Crime Panel"}, "venue": {"en": "Wyvern House"}})
    assert (submitted.status_code, meeting.status_code) == (201, 201), (submitted.text, meeting.text)
    return {"office": "cheshire", "consultation_id": consultation_id, "response_id": submitted.json()["id"],
            "meeting_id": meeting.json()["id"]}


@pytest.mark.skipif(shutil.which(str(SCHEMATHESIS)) is None, reason="schemathesis is a dev dependency")
async def test_no_request_about_a_real_contact_or_suppression_answers_500(platform: Platform, token, tmp_path: Path):
    admin = token("cheshire", "admin")
    contact = await platform.notifications.post("/v1/contacts", headers=bearer(admin), json={
        "email": "resident@example.org", "language": "cy", "areas": ["crewe"]})
    suppression = await platform.notifications.post("/v1/suppressions", headers=bearer(admin), json={
        "address": "resident@example.org", "reason": "manual"})
    assert (contact.status_code, suppression.status_code) == (201, 201), (contact.text, suppression.text)
    config = tmp_path / "schemathesis.toml"
    config.write_text(f'[parameters]\n"path.contact_id" = "{contact.json()["id"]}"\n'
                      f'"path.suppression_id" = "{suppression.json()["id"]}"\n')
    assert_no_500(*await fuzz(str(platform.notifications.base_url).rstrip("/"), admin, config))
