"""What the benchmarks share: where PostgreSQL and Kafka are."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

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
