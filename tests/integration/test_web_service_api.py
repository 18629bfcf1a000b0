"""The pages' calls to a service over real sockets: kept-alive connections, errors explained, a connection the
service closed replaced without the resident noticing."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from peel.web.adapters.service_api import HttpServiceApi
from peel.web.service_layer.ports import InvalidAnswers, NotFoundThere, Refused, ServiceUnavailable, TooManyRequests


@dataclass
class Seen:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Service:
    """A scripted service: ``answers`` maps a path to (status, extra headers, body); chunked when ``chunked``."""

    answers: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    connections: int = 0
    chunked: bool = False
    slow: float = 0.0
    idle: list[asyncio.StreamWriter] = field(default_factory=list)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while (request_line := await reader.readline()) not in (b"", b"\r\n"):
                self.idle.remove(writer) if writer in self.idle else None
                await self._answer(request_line, reader, writer)
                self.idle.append(writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    def close_idle(self) -> None:
        for writer in self.idle:
            writer.close()
        self.idle.clear()

    async def _answer(self, request_line: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        method, target, _ = request_line.decode().split(" ", 2)
        headers = {}
        while (line := await reader.readline()) != b"\r\n":
            name, _, value = line.decode().partition(":")
            headers[name.strip().lower()] = value.strip()
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        self.seen.append(Seen(method, target, headers, body))
        await asyncio.sleep(self.slow)
        status, extra, content = self.answers.get(target.split("?")[0], (404, {}, b'{"detail": "Not Found"}'))
        head = [f"HTTP/1.1 {status} X", "content-type: application/json", *(f"{k}: {v}" for k, v in extra.items())]
        if self.chunked:
            half = len(content) // 2
            payload = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (content[:half], content[half:]) if part)
            writer.write(("\r\n".join([*head, "transfer-encoding: chunked"]) + "\r\n\r\n").encode()
                         + payload + b"0\r\n\r\n")
        elif status == 204:
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
        else:
            writer.write(("\r\n".join([*head, f"content-length: {len(content)}"]) + "\r\n\r\n").encode() + content)
        await writer.drain()


@pytest.fixture
async def service() -> AsyncIterator[tuple[Service, str]]:
    scripted = Service()
    server = await asyncio.start_server(scripted.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield scripted, f"http://127.0.0.1:{port}"
    server.close()
    scripted.close_idle()


def answer(status: int, body: object, **headers: str) -> tuple[int, dict[str, str], bytes]:
    return status, headers, json.dumps(body).encode()


async def test_calls_share_one_kept_alive_connection(service: tuple[Service, str]) -> None:
    scripted, url = service
    scripted.answers["/v1/things/1"] = answer(200, {"id": 1})
    api = HttpServiceApi(url, timeout=5, connections=4)
    for _ in range(3):
        assert await api.get("/v1/things/1", resident="192.0.2.7") == {"id": 1}
    await api.close()
    assert scripted.connections == 1
    assert scripted.seen[0].headers["x-forwarded-for"] == "192.0.2.7"


async def test_a_post_sends_its_json_and_headers(service: tuple[Service, str]) -> None:
    scripted, url = service
    scripted.answers["/v1/responses"] = answer(201, {"id": "r1"})
    api = HttpServiceApi(url, timeout=5, connections=4)
    made = await api.post("/v1/responses", resident="192.0.2.7", json={"answers": {"area": "Halton é"}},
                          headers={"Idempotency-Key": "k-1"})
    await api.close()
    sent = scripted.seen[0]
    assert made == {"id": "r1"}
    assert (sent.method, sent.headers["idempotency-key"], sent.headers["content-type"]) == (
        "POST", "k-1", "application/json")
    assert json.loads(sent.body) == {"answers": {"area": "Halton é"}}


async def test_parameters_and_odd_paths_are_encoded(service: tuple[Service, str]) -> None:
    scripted, url = service
    api = HttpServiceApi(url, timeout=5, connections=4)
    with pytest.raises(NotFoundThere):
        await api.get("/v1/bookings/a b", resident="192.0.2.7", params={"token": "x&y=z"})
    await api.close()
    assert scripted.seen[0].target == "/v1/bookings/a%20b?token=x%26y%3Dz"


async def test_a_chunked_answer_is_read_whole(service: tuple[Service, str]) -> None:
    scripted, url = service
    scripted.chunked = True
    scripted.answers["/v1/things"] = answer(200, {"items": list(range(100))})
    api = HttpServiceApi(url, timeout=5, connections=4)
    assert (await api.get("/v1/things", resident="192.0.2.7"))["items"][-1] == 99
    assert (await api.get_bytes("/v1/things", resident="192.0.2.7")).startswith(b'{"items"')
    await api.close()
    assert scripted.connections == 1


async def test_a_connection_the_service_closed_is_replaced(service: tuple[Service, str]) -> None:
    scripted, url = service
    scripted.answers["/v1/check"] = answer(200, {"errors": {}})
    api = HttpServiceApi(url, timeout=5, connections=4)
    await api.post("/v1/check", resident="192.0.2.7", json={})
    scripted.close_idle()
    await asyncio.sleep(0.05)
    assert await api.post("/v1/check", resident="192.0.2.7", json={}) == {"errors": {}}
    await api.close()
    assert (scripted.connections, len(scripted.seen)) == (2, 2)


async def test_an_answer_without_a_body_ends_at_its_headers(service: tuple[Service, str]) -> None:
    scripted, url = service
    scripted.answers["/v1/withdraw"] = (204, {}, b"")
    api = HttpServiceApi(url, timeout=2, connections=4)
    assert await api.post("/v1/withdraw", resident="192.0.2.7", json={}) == {}
    assert await api.post("/v1/withdraw", resident="192.0.2.7", json={}) == {}
    await api.close()
    assert scripted.connections == 1


@pytest.mark.parametrize(("status", "body", "raised"), [
    (404, {"detail": "Not Found"}, NotFoundThere),
    (409, {"detail": "already sent"}, Refused),
    (410, {"detail": "closed"}, Refused),
    (500, {"detail": "boom"}, ServiceUnavailable),
])
async def test_an_error_answer_is_explained(service: tuple[Service, str], status: int, body: object,
                                           raised: type[Exception]) -> None:
    scripted, url = service
    scripted.answers["/v1/thing"] = answer(status, body)
    api = HttpServiceApi(url, timeout=5, connections=4)
    with pytest.raises(raised):
        await api.get("/v1/thing", resident="192.0.2.7")
    await api.close()


async def test_invalid_answers_name_their_fields(service: tuple[Service, str]) -> None:
    scripted, url = service
    scripted.answers["/v1/responses"] = answer(422, {"detail": [
        {"loc": ["body", "answers", "area"], "msg": "Choose an area"}, {"loc": ["body", "email"], "msg": "Bad"}]})
    api = HttpServiceApi(url, timeout=5, connections=4)
    with pytest.raises(InvalidAnswers) as refused:
        await api.post("/v1/responses", resident="192.0.2.7", json={})
    await api.close()
    assert refused.value.errors == {"area": "Choose an area", "email": "Bad"}


async def test_too_many_requests_says_how_long_to_wait(service: tuple[Service, str]) -> None:
    scripted, url = service
    scripted.answers["/v1/thing"] = answer(429, {"detail": "slow down"}, **{"Retry-After": "12.5"})
    api = HttpServiceApi(url, timeout=5, connections=4)
    with pytest.raises(TooManyRequests) as waiting:
        await api.get("/v1/thing", resident="192.0.2.7")
    await api.close()
    assert waiting.value.wait_seconds == 13


async def test_a_slow_service_is_unavailable(service: tuple[Service, str]) -> None:
    scripted, url = service
    scripted.slow = 1.0
    api = HttpServiceApi(url, timeout=0.1, connections=4)
    with pytest.raises(ServiceUnavailable):
        await api.get("/v1/thing", resident="192.0.2.7")
    await api.close()


async def test_a_service_that_is_not_there_is_unavailable(unused_tcp_port: int) -> None:
    api = HttpServiceApi(f"http://127.0.0.1:{unused_tcp_port}", timeout=1, connections=4)
    with pytest.raises(ServiceUnavailable):
        await api.get("/v1/thing", resident="192.0.2.7")
    await api.close()


async def test_no_more_calls_at_once_than_connections(service: tuple[Service, str]) -> None:
    scripted, url = service
    scripted.slow = 0.02
    scripted.answers["/v1/thing"] = answer(200, {"ok": True})
    api = HttpServiceApi(url, timeout=5, connections=3)
    await asyncio.gather(*(api.get("/v1/thing", resident="192.0.2.7") for _ in range(12)))
    await api.close()
    assert (scripted.connections, len(scripted.seen)) == (3, 12)
