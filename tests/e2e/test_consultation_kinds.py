"""Draft Plan and precept consultations over HTTP."""

from __future__ import annotations

import pytest

from tests.support.platform import Platform
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
BASE = {"closes_at": "2099-01-31T23:59:00Z"}


async def test_a_draft_plan_is_published_in_sections_open_to_rating_and_comment(platform: Platform, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    body = BASE | {"kind": "draft_plan", "title": {"en": "Draft Police and Crime Plan 2027-30"},
                   "sections": [{"key": "victims", "title": {"en": "Putting victims first"}, "summary": {"en": "..."}},
                                {"key": "roads", "title": {"en": "Safer roads"}, "summary": {"en": "..."}}]}
    created = await platform.consultation.post("/v1/consultations", json=body, headers=officer)
    assert created.status_code == 201, created.text
    assert [q["key"] for q in created.json()["questions"]] == [
        "victims_support", "victims_comment", "roads_support", "roads_comment"]
    missing = await platform.consultation.post("/v1/consultations", json=body | {"sections": None}, headers=officer)
    assert missing.status_code == 422 and "needs sections" in missing.text


async def test_a_precept_consultation_shows_every_band_and_the_referendum_limit(platform: Platform, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    body = BASE | {"kind": "precept", "title": {"en": "Policing precept 2027-28"},
                   "precept": {"band_d_current": "250.00", "referendum_limit": {"pounds": "14"},
                               "options": [{"key": "freeze", "change": "0"}, {"key": "plus14", "change": "14"},
                                           {"key": "plus20", "change": "20"}]}}
    created = await platform.consultation.post("/v1/consultations", json=body, headers=officer)
    assert created.status_code == 201, created.text
    consultation_id = created.json()["id"]
    await platform.consultation.post(f"/v1/consultations/{consultation_id}/publish", headers=officer)
    form = (await platform.consultation.get(f"/v1/public/consultations/{consultation_id}")).json()
    plus14 = form["precept"]["options"][1]
    assert (plus14["new_band_d"], plus14["percent_increase"], plus14["triggers_referendum"]) == (264.0, 5.6, False)
    assert plus14["bands"][0] == {"band": "A", "yearly": 9.33, "weekly": 0.18}
    assert form["precept"]["options"][2]["triggers_referendum"] is True
    chose = await platform.consultation.post(f"/v1/consultations/{consultation_id}/responses",
                                             json={"answers": {"precept_option": "plus14"}})
    assert chose.status_code == 201
    both = body | {"precept": body["precept"] | {"referendum_limit": {"pounds": "14", "percent": "3"}}}
    refused = await platform.consultation.post("/v1/consultations", json=both, headers=officer)
    assert refused.status_code == 422 and "not both" in refused.text


async def test_a_draft_plans_sections_are_shown_to_residents_and_corrected(platform: Platform, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    body = BASE | {"kind": "draft_plan", "title": {"en": "Draft Plan"},
                   "sections": [{"key": "victims", "title": {"en": "Putting victims first"},
                                 "summary": {"en": "Support from the first call"}}]}
    created = await platform.consultation.post("/v1/consultations", json=body, headers=officer)
    consultation_id = created.json()["id"]
    await platform.consultation.post(f"/v1/consultations/{consultation_id}/publish", headers=officer)
    corrected = await platform.consultation.patch(
        f"/v1/consultations/{consultation_id}", headers=officer,
        json={"texts": {"sections.victims.summary": {"en": "Support from the very first call"}}})
    assert corrected.status_code == 200, corrected.text
    form = (await platform.consultation.get(f"/v1/public/consultations/{consultation_id}")).json()
    assert form["sections"] == [{"key": "victims", "title": {"en": "Putting victims first", "cy": None},
                                 "summary": {"en": "Support from the very first call", "cy": None}}]
