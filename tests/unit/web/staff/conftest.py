"""Staff page tests: each staff route requested as a user whose role may (allowed) and as one who may not, or no one
signed in (refused). A module lists its routes in ``COVERS``; once it has run, each must have been seen in both
states. Routes anyone may open (signing in) are listed in ``COVERS_OPEN`` and need only be requested.
``test_staff_routes.py`` checks that together the modules cover every staff route."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from peel.web.service_layer.ports import WebPorts
from tests.support.staff_pages import StaffPageClient, fake_ports_with_staff
from tests.support.web_pages import app_with

_VISITED: set[tuple[str, str, str]] = set()


@pytest.fixture
def ports() -> WebPorts:
    return fake_ports_with_staff()


@pytest.fixture
async def staff(ports: WebPorts) -> AsyncIterator[StaffPageClient]:
    app = app_with(ports)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=("203.0.113.9", 52000))
        async with httpx.AsyncClient(transport=transport, base_url="http://peel.test") as client:
            yield StaffPageClient(app, client, ports, _VISITED)


@pytest.fixture(scope="module", autouse=True)
def _covers_what_it_claims(request: pytest.FixtureRequest) -> object:
    yield
    claimed = getattr(request.module, "COVERS", set())
    opened = getattr(request.module, "COVERS_OPEN", set())
    ran = [item for item in request.session.items if item.module is request.module]
    if not (claimed or opened) or len(ran) < len(list(request.node.collect())):
        return  # part of the module was deselected: its coverage cannot be judged
    wanted = {(method, path, state) for method, path in claimed for state in ("allowed", "refused")}
    wanted |= {(method, path, "allowed") for method, path in opened}
    missing = wanted - _VISITED
    assert not missing, f"{request.module.__name__} claims routes it never requested so: {sorted(missing)}"
