"""Page tests: every page route is rendered in English and Welsh with the services faked at the web boundary.

A page test module lists the routes it covers in ``COVERS`` ({("GET", "/{lang}/{tenant}/cookies"), ...}); when the
whole module has run, each must have been requested in both languages. ``test_routes.py`` checks that together the
modules cover every page route of the app."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from peel.web.service_layer.ports import WebPorts
from tests.support.web_pages import PageClient, app_with, fake_ports

_VISITED: set[tuple[str, str, str]] = set()


@pytest.fixture
def ports() -> WebPorts:
    return fake_ports()


@pytest.fixture
async def pages(ports: WebPorts) -> AsyncIterator[PageClient]:
    app = app_with(ports)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=("203.0.113.7", 51000))
        async with httpx.AsyncClient(transport=transport, base_url="http://peel.test") as client:
            yield PageClient(app, client, _VISITED)


@pytest.fixture(scope="module", autouse=True)
def _covers_what_it_claims(request: pytest.FixtureRequest) -> object:
    yield
    claimed = getattr(request.module, "COVERS", set())
    ran = [item for item in request.session.items if item.module is request.module]
    if not claimed or len(ran) < len(list(request.node.collect())):
        return  # part of the module was deselected: its coverage cannot be judged
    missing = {(method, path, lang) for method, path in claimed for lang in ("en", "cy")} - _VISITED
    assert not missing, f"{request.module.__name__} claims routes it never requested: {sorted(missing)}"
