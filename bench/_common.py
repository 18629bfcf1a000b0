"""What the benchmarks share: where PostgreSQL and Kafka are."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

RESULTS = Path(__file__).resolve().parent / "results"


def admin_dsn() -> str:
    """A DSN allowed to create and drop databases: ``PEEL_BENCH_DATABASE_URL``, else the local cluster."""
    env = os.environ
    return env.get("PEEL_BENCH_DATABASE_URL") or (
        f"postgresql://{env.get('PEEL_PG_USER', 'peel')}:{env.get('PEEL_PG_PASSWORD', 'peel')}@"
        f"{env.get('PEEL_PG_HOST', '127.0.0.1')}:{env.get('PEEL_PG_PORT', '55432')}/postgres")


def kafka_bootstrap() -> str:
    return os.environ.get("PEEL_KAFKA_BOOTSTRAP", "127.0.0.1:9092")


def report(name: str, result: dict, chart: Callable[[dict, Path], None]) -> None:
    """Keep the figures and their chart under bench/results/, and print them as the last line."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2))
    chart(result, RESULTS / f"{name}.png")
    print(f"chart: {RESULTS / f'{name}.png'}", file=sys.stderr, flush=True)
    print(json.dumps(result))


def two_panels() -> tuple[Figure, Any]:
    """A figure with two charts side by side (matplotlib without a display)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots(1, 2, figsize=(11, 4))


def rounds_chart(axis, result: dict, service: str, unit: str, title: str) -> None:  # noqa: ANN001
    """Requests per second of the bare endpoint and of ``service``, round by round, side by side."""
    numbers = range(1, len(result["rounds"]) + 1)
    axis.bar([n - 0.2 for n in numbers], [r["bare_per_s"] for r in result["rounds"]], 0.4, color="#999",
             label="bare FastAPI + asyncpg")
    axis.bar([n + 0.2 for n in numbers], [r["real_per_s"] for r in result["rounds"]], 0.4, color="#2a6",
             label=service)
    axis.set(xlabel="round", ylabel=f"{unit} per second, {result['concurrency']} clients", xticks=list(numbers))
    axis.set_title(title, fontsize=9)
    axis.legend(fontsize=8)
