"""``peel demo``'s notifications loaded into the notifications service over HTTP: subscribers (some without
consent, some wanting a weekly digest), two councils with their clerks, an e-bulletin and a council bulletin, each
approved by a second officer and sent, their emails written with their links."""

from __future__ import annotations

import asyncio
import random

import httpx
import pytest

from peel.cli.demo_notifications import RESIDENTS, seed_notifications
from tests.support.platform import Platform
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def test_the_demo_office_sends_its_bulletins(platform: Platform, token):
    author = bearer(token("cheshire", "engagement_officer"))
    approver = bearer(token("cheshire", "engagement_officer"))  # another officer: each token its own subject
    with httpx.Client(base_url=str(platform.notifications.base_url), timeout=30) as client:
        seeded = await asyncio.to_thread(seed_notifications, client, author, approver, random.Random(2027))
    stats = seeded["stats"]
    without_consent = sum(1 for number in range(RESIDENTS) if number % 12 == 11)
    weekly = sum(1 for number in range(RESIDENTS) if number % 8 == 7 and number % 12 != 11)
    assert stats["status"] == "sent" and stats["queued"] == 0, stats
    assert stats["suppressed_by_reason"] == {"no_consent": without_consent}
    assert stats["digest"] == weekly and stats["sent"] == RESIDENTS - without_consent - weekly
    cascade = await platform.notifications.get(f"/v1/bulletins/{seeded['cascade']}/stats", headers=author)
    assert cascade.json()["total"] == len(seeded["councils"]) == 2
