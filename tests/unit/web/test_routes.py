"""Every page route has a page test: the page test modules' ``COVERS`` together list them all."""

from __future__ import annotations

import importlib
from pathlib import Path

from tests.support.web_pages import app_with, fake_ports, page_routes

HERE = Path(__file__).parent


def covered() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for path in sorted(HERE.glob("test_*.py")):
        module = importlib.import_module(f"tests.unit.web.{path.stem}")
        for route in getattr(module, "COVERS", ()):
            found.setdefault(route, []).append(path.stem)
    return found


def test_every_page_route_has_a_page_test() -> None:
    routes = page_routes(app_with(fake_ports()))
    untested = routes - covered().keys()
    assert not untested, f"page routes without a page test (add them to a module's COVERS): {sorted(untested)}"


def test_page_tests_claim_only_routes_that_exist() -> None:
    routes = page_routes(app_with(fake_ports()))
    assert not covered().keys() - routes
