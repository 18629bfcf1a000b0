"""Notifications hears consultation's events: what waits for the next e-bulletin, in its corrected words."""

from __future__ import annotations

import pytest

from tests.support.consultations import create_open
from tests.support.platform import Platform
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
OUTCOME = {"en": "You asked for more patrols; we added two", "cy": "Gofynnoch am fwy o batrolau; ychwanegwyd dau"}


async def test_a_published_outcome_waits_for_the_next_bulletin_under_the_consultations_title(platform: Platform,
                                                                                             token):
    officer = bearer(token("cheshire", "engagement_officer"))
    consultation_id = await create_open(platform, officer)
    assert (await platform.consultation.post(f"/v1/consultations/{consultation_id}/close",
                                             headers=officer)).status_code == 200
    published = await platform.consultation.post(f"/v1/consultations/{consultation_id}/outcome",
                                                 json={"outcome": OUTCOME}, headers=officer)
    assert published.status_code == 200, published.text

    async def both() -> list | None:
        items = (await platform.notifications.get("/v1/bulletins/next/items", headers=officer)).json()
        return items if len(items) == 2 else None

    opened, told = await eventually(both)
    assert (opened["kind"], opened["outcome"]) == ("consultation_opened", None)
    assert (told["source_id"], told["kind"], told["outcome"], told["closes_at"]) == (
        consultation_id, "consultation_outcome", OUTCOME, None)
    assert told["title"] == {"en": "Policing priorities", "cy": "Blaenoriaethau plismona"}

    corrected = {"en": "You asked for more patrols; we added three", "cy": OUTCOME["cy"]}
    fixed = await platform.consultation.patch(f"/v1/consultations/{consultation_id}", headers=officer,
                                              json={"texts": {"outcome": {"en": corrected["en"]}}})
    assert fixed.status_code == 200, fixed.text

    async def corrected_item() -> dict | None:
        items = (await platform.notifications.get("/v1/bulletins/next/items", headers=officer)).json()
        return items[-1] if items[-1]["outcome"] == corrected else None

    assert (await eventually(corrected_item))["title"] == told["title"]
