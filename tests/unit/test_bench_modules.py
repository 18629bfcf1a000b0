"""Every benchmark under bench/ still imports what it uses, so `make bench` cannot break unnoticed."""

import importlib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
MODULES = sorted(f"bench.{path.stem}" for path in BENCH.glob("*.py") if path.stem != "__init__")


def test_the_benchmarks_are_found():
    expected = {"bench.backbone", "bench.booking_ingest", "bench.response_ingest", "bench.assembly_selection",
                "bench.resident_journey", "bench.notify_pacing", "bench.bulletin_dispatch", "bench.staff_pages"}
    assert expected <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_a_benchmark_module_imports(module):
    importlib.import_module(module)
