"""A consultation as residents see it is read from the service once in a while, not on every page."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from typing import Any

import pytest

from peel.web.adapters import cached_api
from peel.web.adapters.cached_api import CachedReads
from peel.web.service_layer.ports import Json, NotFoundThere, ServiceUnavailable

VIEW = "/v1/public/offices/cheshire/consultations/3f1c2d9e-0000-4000-8000-000000000001"


class CountingApi:
    """A service answering every GET with its path and how often it was asked; ``failing`` makes it fail."""

    def __init__(self) -> None:
        self.gets: list[str] = []
        self.posts: list[str] = []
        self.failing: Exception | None = None
        self.answering = asyncio.Event()
        self.answering.set()

    async def get(self, path: str, *, resident: str, params: Mapping[str, Any] | None = None) -> Json:
        return json.loads(await self.get_bytes(path, resident=resident, params=params))

    async def get_bytes(self, path: str, *, resident: str, params: Mapping[str, Any] | None = None) -> bytes:
        self.gets.append(path)
        await self.answering.wait()
        if self.failing:
            raise self.failing
        return json.dumps({"path": path, "read": len(self.gets), "questions": [{"key": "area"}]}).encode()

    async def post(self, path: str, *, resident: str, json: Any = None,
                   headers: Mapping[str, str] | None = None) -> Json:
        self.posts.append(path)
        return {"posted": json}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def api() -> CountingApi:
    return CountingApi()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def cached(api: CountingApi, clock: Clock) -> CachedReads:
    return CachedReads(api, seconds=5, clock=clock)


async def test_the_consultation_is_read_once_within_the_seconds(cached: CachedReads, api: CountingApi,
                                                                clock: Clock) -> None:
    first = await cached.get(VIEW, resident="192.0.2.1")
    clock.now += 4.9
    again = await cached.get(VIEW, resident="192.0.2.2")
    assert api.gets == [VIEW]
    assert again == first


async def test_it_is_read_again_when_the_seconds_have_passed(cached: CachedReads, api: CountingApi,
                                                             clock: Clock) -> None:
    await cached.get(VIEW, resident="192.0.2.1")
    clock.now += 5
    later = await cached.get(VIEW, resident="192.0.2.1")
    assert api.gets == [VIEW, VIEW]
    assert later["read"] == 2


async def test_each_page_gets_its_own_copy(cached: CachedReads) -> None:
    changed = await cached.get(VIEW, resident="192.0.2.1")
    changed["questions"].clear()
    assert (await cached.get(VIEW, resident="192.0.2.1"))["questions"] == [{"key": "area"}]


async def test_residents_asking_at_once_share_one_read(cached: CachedReads, api: CountingApi) -> None:
    api.answering.clear()
    waiting = [asyncio.create_task(cached.get(VIEW, resident=f"192.0.2.{n}")) for n in range(10)]
    await asyncio.sleep(0)
    api.answering.set()
    answers = await asyncio.gather(*waiting)
    assert api.gets == [VIEW]
    assert all(answer == answers[0] for answer in answers)


async def test_an_error_is_not_kept(cached: CachedReads, api: CountingApi) -> None:
    api.failing = ServiceUnavailable("down")
    with pytest.raises(ServiceUnavailable):
        await cached.get(VIEW, resident="192.0.2.1")
    api.failing = None
    assert (await cached.get(VIEW, resident="192.0.2.1"))["read"] == 2


async def test_a_missing_consultation_is_asked_for_each_time(cached: CachedReads, api: CountingApi) -> None:
    api.failing = NotFoundThere("no such consultation")
    for _ in range(2):
        with pytest.raises(NotFoundThere):
            await cached.get(VIEW, resident="192.0.2.1")
    assert len(api.gets) == 2


@pytest.mark.parametrize("path", ["/v1/public/offices/cheshire/consultations",
                                  "/v1/public/cheshire/panel/meetings",
                                  "/v1/public/panel/meetings/3f1c2d9e-0000-4000-8000-000000000001"])
async def test_other_reads_go_to_the_service_every_time(cached: CachedReads, api: CountingApi, path: str) -> None:
    await cached.get(path, resident="192.0.2.1")
    await cached.get(path, resident="192.0.2.1")
    assert api.gets == [path, path]


async def test_reads_with_parameters_and_posts_are_passed_on(cached: CachedReads, api: CountingApi) -> None:
    await cached.get(VIEW, resident="192.0.2.1", params={"token": "a"})
    await cached.get(VIEW, resident="192.0.2.1", params={"token": "a"})
    posted = await cached.post("/v1/public/consultations/x/check-answers", resident="192.0.2.1", json={"a": 1})
    assert api.gets == [VIEW, VIEW]
    assert api.posts == ["/v1/public/consultations/x/check-answers"]
    assert posted == {"posted": {"a": 1}}


async def test_no_seconds_means_no_keeping(api: CountingApi, clock: Clock) -> None:
    cached = CachedReads(api, seconds=0, clock=clock)
    await cached.get(VIEW, resident="192.0.2.1")
    await cached.get(VIEW, resident="192.0.2.1")
    assert api.gets == [VIEW, VIEW]


async def test_the_oldest_read_goes_when_too_many_are_kept(cached: CachedReads, api: CountingApi,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cached_api, "MOST_KEPT", 2)
    views = [f"/v1/public/offices/cheshire/consultations/{n}" for n in range(3)]
    for view in views:
        await cached.get(view, resident="192.0.2.1")
    await cached.get(views[2], resident="192.0.2.1")
    await cached.get(views[0], resident="192.0.2.1")
    assert api.gets == [*views, views[0]]
