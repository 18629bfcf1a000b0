"""A tenant's precept settings over HTTP: its band ratios and referendum limit drive its precept consultations."""

from __future__ import annotations

import pytest

from tests.support.platform import Platform
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
SETTINGS = "/v1/precept-settings"
OWN = {"ratios": {"A": "0.5", "B": "0.6", "C": "0.8", "D": "1", "E": "1.25", "F": "1.5", "G": "2", "H": "22/9"},
       "referendum_limit": {"percent": "4"}, "band_d_current": "300.00"}
ENGLAND = {"A": "6/9", "B": "7/9", "C": "8/9", "D": "9/9", "E": "11/9", "F": "13/9", "G": "15/9", "H": "18/9"}
OPTIONS = [{"key": "freeze", "change": "0"}, {"key": "plus12", "change": "12"},
           {"key": "plus1201", "change": "12.01"}, {"key": "plus15", "change": "15"}]
PRECEPT = {"kind": "precept", "title": {"en": "Policing precept 2027-28"}, "closes_at": "2099-01-31T23:59:00Z",
           "precept": {"options": OPTIONS}}


def bands(option: dict) -> dict[str, tuple[float, float]]:
    return {band["band"]: (band["yearly"], band["weekly"]) for band in option["bands"]}


def flags(table: dict) -> list[bool]:
    return [option["triggers_referendum"] for option in table["options"]]


async def test_a_tenants_ratios_and_limit_drive_its_precept_consultations(platform: Platform, token):
    admin, officer = bearer(token("cheshire", "admin")), bearer(token("cheshire", "engagement_officer"))
    before = (await platform.consultation.get(SETTINGS, headers=officer)).json()
    assert (before["ratios"], before["referendum_limit"], before["configured"]) == (ENGLAND, None, False)
    assert (await platform.consultation.put(SETTINGS, json=OWN, headers=officer)).status_code == 403
    saved = await platform.consultation.put(SETTINGS, json=OWN, headers=admin)
    assert saved.status_code == 200, saved.text
    assert (await platform.consultation.get(SETTINGS, headers=officer)).json() == saved.json()

    created = await platform.consultation.post("/v1/consultations", json=PRECEPT, headers=officer)
    assert created.status_code == 201, created.text
    table = created.json()["precept"]
    # 4% of £300 is £12: +£12 is at the limit; A pays 0.5 of Band D, H 22/9 (12 x 22/9 = £29.33, 56p a week).
    assert (table["band_d_current"], table["referendum_limit"]) == (300.0, "more than 4% on Band D")
    assert flags(table) == [False, False, True, True]
    assert bands(table["options"][1]) == {"A": (6.0, 0.12), "B": (7.2, 0.14), "C": (9.6, 0.18), "D": (12.0, 0.23),
                                          "E": (15.0, 0.29), "F": (18.0, 0.35), "G": (24.0, 0.46), "H": (29.33, 0.56)}
    await _edit_later_and_see_the_consultation_unchanged(platform, admin, officer, created.json())


async def _edit_later_and_see_the_consultation_unchanged(platform: Platform, admin, officer, consultation) -> None:
    published = await platform.consultation.post(f"/v1/consultations/{consultation['id']}/publish", headers=officer)
    assert published.status_code == 200, published.text
    edited = OWN | {"ratios": ENGLAND | {"A": "5/9"}, "referendum_limit": {"pounds": "5"}}
    assert (await platform.consultation.put(SETTINGS, json=edited, headers=admin)).status_code == 200
    form = (await platform.consultation.get(f"/v1/public/consultations/{consultation['id']}")).json()
    assert form["precept"] == consultation["precept"]
    newer = (await platform.consultation.post("/v1/consultations", json=PRECEPT, headers=officer)).json()["precept"]
    assert flags(newer) == [False, True, True, True]
    assert bands(newer["options"][1])["A"] == (6.67, 0.13)  # 12 x 5/9 = 6.666.. -> £6.67; / 52 -> 13p


async def test_another_tenant_keeps_englands_ratios_and_a_consultation_may_override(platform: Platform, token):
    assert (await platform.consultation.put(SETTINGS, json=OWN, headers=bearer(token("cheshire", "admin")))).is_success
    other = bearer(token("lancashire", "engagement_officer"))
    assert (await platform.consultation.get(SETTINGS, headers=other)).json()["configured"] is False
    refused = await platform.consultation.post("/v1/consultations", json=PRECEPT, headers=other)
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "precept", "band_d_current"]
    body = PRECEPT | {"precept": {"options": OPTIONS, "band_d_current": "300.00"}}
    table = (await platform.consultation.post("/v1/consultations", json=body, headers=other)).json()["precept"]
    assert (table["ratios"], table["referendum_limit"], flags(table)) == (ENGLAND, None, [False] * 4)
    assert bands(table["options"][1])["A"] == (8.0, 0.15)  # 12 x 6/9
    overridden = PRECEPT | {"precept": {"options": OPTIONS, "council_tax_bands": "england",
                                        "referendum_limit": {"pounds": "14"}}}
    cheshire = bearer(token("cheshire", "engagement_officer"))
    table = (await platform.consultation.post("/v1/consultations", json=overridden, headers=cheshire)).json()["precept"]
    assert (table["band_d_current"], table["ratios"], flags(table)) == (300.0, ENGLAND, [False, False, False, True])


BAD = [
    ({"ratios": ENGLAND | {"D": "1.1"}}, ["body", "ratios", "D"], "Band D is 1 by definition"),
    ({"ratios": ENGLAND | {"C": "7/9"}}, ["body", "ratios", "C"], "must be more than band B's 7/9"),
    ({"ratios": ENGLAND | {"A": "-6/9"}}, ["body", "ratios", "A"], "must be more than 0"),
    ({"ratios": ENGLAND | {"A": "six ninths"}}, ["body", "ratios", "A"], "'six ninths' is not a ratio"),
    ({"ratios": {"D": "1"}}, ["body", "ratios", "A"], "missing: give every band from A to H"),
    ({"referendum_limit": {"pounds": "5", "percent": "2"}}, ["body", "referendum_limit"], "not both"),
    ({"band_d_current": "-1"}, ["body", "band_d_current"], "greater than 0"),
]


async def test_bad_settings_are_refused_naming_the_field_and_the_reason(platform: Platform, token):
    admin = bearer(token("cheshire", "admin"))
    for change, location, reason in BAD:
        refused = await platform.consultation.put(SETTINGS, json=OWN | change, headers=admin)
        assert refused.status_code == 422, refused.text
        assert any(e["loc"] == location and reason in e["msg"] for e in refused.json()["detail"]), refused.text
    assert (await platform.consultation.get(SETTINGS, headers=admin)).json()["configured"] is False
