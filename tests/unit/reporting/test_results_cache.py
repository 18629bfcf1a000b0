"""Computed results kept between requests: a changed consultation is counted again, concurrent requests for the
same figures count them once, and the cache holds a bounded number of results."""

import asyncio
import uuid
from datetime import UTC, datetime

import pytest

from peel.common.contracts.consultation import QuestionSpec
from peel.common.errors import NotFound
from peel.reporting.domain.consultation_results import Consultation
from peel.reporting.read_models.consultation_results import reports
from peel.reporting.read_models.consultation_results.cache import ResultsCache
from tests.support.reporting_events import QUESTIONS

PUBLISHED = datetime(2027, 5, 1, tzinfo=UTC)


class FakeStore:
    """The counts a consultation's results are made of, with its change stamp; counts how often it is asked."""

    def __init__(self, consultation: Consultation) -> None:
        self.consultation_row = consultation
        self.stamp = 1
        self.online = 10
        self.counted = 0

    async def consultation(self, tenant: str, consultation_id: uuid.UUID) -> Consultation | None:
        found = self.consultation_row
        return found if (tenant, consultation_id) == (found.tenant, found.consultation_id) else None

    async def changes(self, consultation_id: uuid.UUID) -> int:
        return self.stamp

    async def channels(self, tenant: str, consultation_id: uuid.UUID) -> dict[str, int]:
        self.counted += 1
        await asyncio.sleep(0)  # another request may ask meanwhile
        return {"online": self.online}

    async def tally(self, tenant: str, consultation_id: uuid.UUID, channel: str | None = None) -> dict:
        return {("priority", ""): {None: self.online}}

    async def free_texts(self, tenant: str, consultation_id: uuid.UUID, channel: str | None = None) -> dict:
        return {}

    def add_response(self) -> None:
        """What the projection does: a new response, and in the same transaction a new stamp."""
        self.online += 1
        self.stamp += 1


@pytest.fixture
def store() -> FakeStore:
    return FakeStore(Consultation(uuid.uuid4(), "cheshire", {"en": "Priorities"}, "survey",
                                  tuple(QuestionSpec.model_validate(q) for q in QUESTIONS),
                                  closed_at=PUBLISHED, results_published_at=PUBLISHED))


async def results(store: FakeStore, cache: ResultsCache, channel: str | None = None):
    found = store.consultation_row
    return await reports.consultation_results(store, found.tenant, found.consultation_id, channel, cache)


async def test_an_unchanged_consultation_is_counted_once(store):
    cache = ResultsCache()
    first, second = await results(store, cache), await results(store, cache)
    assert (first, store.counted) == (second, 1)


async def test_a_change_to_the_consultation_is_counted_at_once(store):
    cache = ResultsCache()
    assert (await results(store, cache)).responses == 10
    store.add_response()
    assert (await results(store, cache)).responses == 11
    assert store.counted == 2


async def test_each_channel_is_kept_apart(store):
    cache = ResultsCache()
    assert (await results(store, cache, "paper")).responses == 0
    assert (await results(store, cache)).responses == 10
    assert store.counted == 2


async def test_another_offices_consultation_is_not_found_even_when_kept(store):
    cache = ResultsCache()
    await results(store, cache)
    with pytest.raises(NotFound):
        await reports.consultation_results(store, "dyfed-powys", store.consultation_row.consultation_id,
                                           cache=cache)


async def test_concurrent_requests_for_the_same_figures_count_them_once(store):
    cache = ResultsCache()
    found = await asyncio.gather(*(results(store, cache) for _ in range(10)))
    assert store.counted == 1
    assert all(result == found[0] for result in found)


async def test_the_cache_forgets_the_least_recently_used_beyond_its_size():
    cache = ResultsCache(most=2)
    computed: list[str] = []

    def compute(key: str):
        async def count() -> str:
            computed.append(key)
            return key.upper()
        return count

    for key in ("a", "b", "a", "c", "a", "b"):
        assert await cache.get(key, compute(key)) == key.upper()
    assert len(cache) == 2
    assert computed == ["a", "b", "c", "b"]  # "b" was least recently used when "c" came


async def test_a_failed_count_is_not_kept_and_those_waiting_count_again():
    cache = ResultsCache()
    started, release = asyncio.Event(), asyncio.Event()
    attempts: list[int] = []

    async def failing() -> int:
        attempts.append(1)
        started.set()
        await release.wait()
        raise ConnectionError("database gone")

    async def working() -> int:
        attempts.append(2)
        return 42

    first = asyncio.create_task(cache.get("key", failing))
    await started.wait()
    second = asyncio.create_task(cache.get("key", working))
    await asyncio.sleep(0)
    release.set()
    with pytest.raises(ConnectionError):
        await first
    assert await second == 42
    assert attempts == [1, 2]
    assert await cache.get("key", failing) == 42


async def test_a_cancelled_waiter_leaves_the_count_to_the_others():
    cache = ResultsCache()
    release = asyncio.Event()

    async def slow() -> int:
        await release.wait()
        return 7

    leader = asyncio.create_task(cache.get("key", slow))
    await asyncio.sleep(0)
    waiter = asyncio.create_task(cache.get("key", slow))
    await asyncio.sleep(0)
    waiter.cancel()
    release.set()
    assert await leader == 7
    with pytest.raises(asyncio.CancelledError):
        await waiter
