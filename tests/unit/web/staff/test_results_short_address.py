"""The short address a poster prints (``/{office}/c/{code}``): a redirect to the consultation's start page, resolved
through the office's public list, so it opens nothing residents may not see."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from peel.web.service_layer.ports import WebPorts
from tests.support.web_pages import app_routes, app_with, fake_ports
from tests.unit.web.staff.results_data import CONSULTATION

LIST = "/v1/public/offices/cheshire/consultations"


@pytest.fixture
def ports() -> WebPorts:
    return fake_ports()


@pytest.fixture
async def client(ports: WebPorts) -> AsyncIterator[httpx.AsyncClient]:
    app = app_with(ports)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://peel.test") as client:
        yield client


def test_the_web_app_serves_short_addresses(ports: WebPorts) -> None:
    paths = {getattr(route, "path", "") for route in app_routes(app_with(ports))}
    assert "/{tenant}/c/{code}" in paths


async def test_a_short_address_leads_to_the_consultation(client: httpx.AsyncClient, ports: WebPorts) -> None:
    ports.consultation.on("GET", LIST, {"open": [{"id": CONSULTATION}], "upcoming": [], "closed": []})
    answer = await client.get("/cheshire/c/7c1e2d3a")
    assert answer.status_code == 303 and answer.headers["location"] == f"/en/cheshire/consultations/{CONSULTATION}"


async def test_a_welsh_browser_is_led_to_the_welsh_page(client: httpx.AsyncClient, ports: WebPorts) -> None:
    ports.consultation.on("GET", LIST, {"open": [], "upcoming": [], "closed": [{"id": CONSULTATION}]})
    answer = await client.get("/cheshire/c/7C1E2D3A", headers={"Accept-Language": "cy, en;q=0.5"})
    assert answer.headers["location"] == f"/cy/cheshire/consultations/{CONSULTATION}"


async def test_a_code_no_listed_consultation_has_is_not_found(client: httpx.AsyncClient, ports: WebPorts) -> None:
    ports.consultation.on("GET", LIST, {"open": [{"id": CONSULTATION}], "upcoming": [], "closed": []})
    assert (await client.get("/cheshire/c/00000000")).status_code == 404
    assert (await client.get("/cheshire/c/not-a-code")).status_code == 404
    assert [call[1] for call in ports.consultation.calls] == [LIST]
