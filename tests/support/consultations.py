"""A survey as staff write it, and how a test gets one open for responses."""

from __future__ import annotations

from tests.support.platform import Platform

SURVEY = {
    "title": {"en": "Policing priorities", "cy": "Blaenoriaethau plismona"},
    "kind": "survey",
    "closes_at": "2099-01-31T23:59:00Z",
    "questions": [
        {"key": "priority", "type": "single_choice", "text": {"en": "Which matters most?"},
         "options": [{"key": "asb", "text": {"en": "Anti-social behaviour"}},
                     {"key": "roads", "text": {"en": "Road safety"}}]},
        {"key": "comments", "type": "free_text", "text": {"en": "Anything else?"}, "required": False,
         "max_length": 2000},
    ],
}


async def create_open(platform: Platform, officer: dict[str, str]) -> str:
    created = await platform.consultation.post("/v1/consultations", json=SURVEY, headers=officer)
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "draft"
    consultation_id = created.json()["id"]
    opened = await platform.consultation.post(f"/v1/consultations/{consultation_id}/publish", headers=officer)
    assert (opened.status_code, opened.json()["status"]) == (200, "open")
    return consultation_id
