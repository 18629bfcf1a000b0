"""Every staff route has a page test: the staff page test modules' ``COVERS`` and ``COVERS_OPEN`` list them all."""

from __future__ import annotations

import importlib
from pathlib import Path

from tests.support.staff_pages import fake_ports_with_staff, staff_routes
from tests.support.web_pages import app_with

HERE = Path(__file__).parent


def covered() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in sorted(HERE.glob("test_*.py")):
        module = importlib.import_module(f"tests.unit.web.staff.{path.stem}")
        found |= set(getattr(module, "COVERS", ())) | set(getattr(module, "COVERS_OPEN", ()))
    return found


def test_every_staff_route_has_a_page_test() -> None:
    untested = staff_routes(app_with(fake_ports_with_staff())) - covered()
    assert not untested, f"staff routes without a page test (add them to a module's COVERS): {sorted(untested)}"


def test_staff_page_tests_claim_only_routes_that_exist() -> None:
    assert not covered() - staff_routes(app_with(fake_ports_with_staff()))
