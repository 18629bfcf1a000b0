"""``peel demo``'s scheduling data loaded into the scheduling service over HTTP: venues, a year of surgeries from
the rotation planner, and an assembly whose volunteers each register with a form of their own and are selected."""

from __future__ import annotations

import asyncio
import random

import httpx
import pytest

from peel.cli.demo_scheduling import seed_scheduling
from tests.support.platform import Scheduling
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def test_the_demo_office_has_surgeries_and_a_selected_assembly(scheduling: Scheduling, token):
    staff = bearer(token("cheshire", "engagement_officer"))
    with httpx.Client(base_url=str(scheduling.client.base_url), timeout=30) as client:
        seeded = await asyncio.to_thread(seed_scheduling, client, staff, random.Random(2027), 80)
    assert seeded["surgeries"] == 24
    assert seeded["selection"]["status"] == "done", seeded["selection"]
    assembly = await scheduling.client.get(f"/v1/scheduling/assemblies/{seeded['assembly']}", headers=staff)
    assert assembly.status_code == 200
