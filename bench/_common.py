"""What the benchmarks share: where PostgreSQL and Kafka are."""

from __future__ import annotations

import os


def admin_dsn() -> str:
    """A DSN allowed to create and drop databases: ``PEEL_BENCH_DATABASE_URL``, else the local cluster."""
    env = os.environ
    return env.get("PEEL_BENCH_DATABASE_URL") or (
        f"postgresql://{env.get('PEEL_PG_USER', 'peel')}:{env.get('PEEL_PG_PASSWORD', 'peel')}@"
        f"{env.get('PEEL_PG_HOST', '127.0.0.1')}:{env.get('PEEL_PG_PORT', '55432')}/postgres")


def kafka_bootstrap() -> str:
    return os.environ.get("PEEL_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
