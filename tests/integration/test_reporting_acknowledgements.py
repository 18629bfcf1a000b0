"""The council acknowledgements read model on real PostgreSQL, fed through the consumer's own path: coverage per
area from council_included and acknowledged events, the same whatever their order and however often they come
(a redelivered batch, the same event twice), and one tenant never sees another's."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import asyncpg
import pytest

from peel.common.contracts.notifications.cascade import BulletinAcknowledged, CouncilIncluded
from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.events import Envelope
from peel.reporting.adapters.schema import LIVE
from peel.reporting.read_models import council_acknowledgements
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.council_acknowledgements.routes import coverage
from peel.reporting.read_models.council_acknowledgements.store import CouncilAcknowledgementStore
from peel.reporting.read_models.registry import applying
from tests.support.reporting_projector import MIGRATIONS
from tests.support.reporting_projector import Projector as ReportingProjector

pytestmark = pytest.mark.integration
SENT = datetime(2027, 2, 1, 10, tzinfo=UTC)
BULLETIN = uuid.uuid4()
MODEL = council_acknowledgements.READ_MODEL


class Projector(ReportingProjector):
    """Applies notifications' events to the council acknowledgements read model alone."""

    def __init__(self, pool: asyncpg.Pool, name: str = "test.reporting.acknowledgements") -> None:
        super().__init__(pool, "notifications.events", dict.fromkeys(MODEL.projection, applying([MODEL], LIVE, True)),
                         name)

    async def report(self, tenant: str = "cheshire", bulletin_id: uuid.UUID | None = None) -> dict:
        async with reading(self.pool, CouncilAcknowledgementStore) as store:
            found = await coverage(store, tenant, bulletin_id, None, None)
        return {area.area: area for area in (*found.areas, found.total)}


@pytest.fixture
async def project(database: str) -> AsyncIterator[Projector]:
    await migrate(database, MIGRATIONS)
    pool = await create_pool(database)
    try:
        yield Projector(pool)
    finally:
        await pool.close()


def included(council: uuid.UUID, area: str, tenant: str = "cheshire", bulletin: uuid.UUID = BULLETIN) -> Envelope:
    event = CouncilIncluded(bulletin_id=bulletin, organisation_id=council, area=area, sent_at=SENT)
    return Envelope.wrap(event, source="notifications", tenant=tenant)


def acknowledged(council: uuid.UUID, area: str, state: str, hours: int = 1,
                 agenda: date | None = None) -> Envelope:
    event = BulletinAcknowledged(bulletin_id=BULLETIN, organisation_id=council, area=area, state=state,
                                 agenda_date=agenda, acknowledged_at=SENT + timedelta(hours=hours))
    return Envelope.wrap(event, source="notifications", tenant="cheshire")


def figures(found: dict, area: str) -> tuple:
    row = found[area]
    return row.councils, row.sent, row.acknowledged, row.shared, row.on_agenda, row.coverage_percent


async def test_coverage_per_area_counts_each_council_by_its_furthest_state(project: Projector) -> None:
    a, b, c, d = (uuid.uuid4() for _ in range(4))
    await project(included(a, "crewe"), included(b, "crewe"), included(c, "crewe"), included(d, "nantwich"))
    await project(acknowledged(a, "crewe", "received"), acknowledged(a, "crewe", "on_agenda", 5, date(2027, 3, 1)),
                  acknowledged(b, "crewe", "shared"))
    found = await project.report()
    assert figures(found, "crewe") == (3, 3, 2, 2, 1, 66.7)
    assert figures(found, "nantwich") == (1, 1, 0, 0, 0, 0.0)
    assert figures(found, "all") == (4, 4, 2, 2, 1, 50.0)


async def test_the_same_whatever_the_order_and_however_often(project: Projector) -> None:
    a, b = uuid.uuid4(), uuid.uuid4()
    events = [acknowledged(a, "crewe", "on_agenda", 5, date(2027, 3, 1)), acknowledged(a, "crewe", "received", 1),
              included(a, "crewe"), included(b, "crewe")]
    await project(*events)
    first = figures(await project.report(), "crewe")
    await project(*reversed(events))  # a redelivered batch: the consumer knows them already
    again = Projector(project.pool, "test.reporting.acknowledgements.other")  # a new consumer applies them again
    await again(*reversed(events))
    await again(*events)
    assert figures(await project.report(), "crewe") == first == (2, 2, 1, 1, 1, 50.0)
    row = await project.pool.fetchrow("SELECT rank, agenda_date, sent_at FROM read_models.council_acknowledgements "
                                      "WHERE organisation_id = $1", a)
    assert (row["rank"], row["agenda_date"], row["sent_at"]) == (3, date(2027, 3, 1), SENT)


async def test_a_bulletins_coverage_and_another_tenants_councils_stay_apart(project: Projector) -> None:
    other_bulletin = uuid.uuid4()
    await project(included(uuid.uuid4(), "crewe"), included(uuid.uuid4(), "crewe", bulletin=other_bulletin),
                  included(uuid.uuid4(), "cardiff", tenant="gwent"))
    assert figures(await project.report(bulletin_id=BULLETIN), "crewe")[:2] == (1, 1)
    assert set(await project.report()) == {"crewe", "all"}
    assert set(await project.report("gwent")) == {"cardiff", "all"}
