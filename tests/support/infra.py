"""Finds the Kafka broker and PostgreSQL server the tests use.

In this order: environment variables (``PEEL_TEST_KAFKA_BOOTSTRAP`` and
``PEEL_TEST_DATABASE_URL``, an administrative DSN that may create databases);
testcontainers when a Docker engine answers; otherwise the project's local processes,
started through ``deploy/local`` if they are not running.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from peel.common.settings import REPO_ROOT

LOCAL = REPO_ROOT / "deploy" / "local"


@dataclass(frozen=True)
class Infrastructure:
    kafka_bootstrap: str
    admin_dsn: str
    origin: str
    kafka_pid_file: Path | None = None


def docker_answers() -> bool:
    try:
        import docker

        client = docker.from_env(timeout=3)
        client.ping()
        client.close()
        return True
    except Exception:  # noqa: BLE001 - any failure means no usable engine
        return False


@contextlib.contextmanager
def infrastructure() -> Iterator[Infrastructure]:
    kafka, database = os.environ.get("PEEL_TEST_KAFKA_BOOTSTRAP"), os.environ.get("PEEL_TEST_DATABASE_URL")
    if kafka and database:
        yield Infrastructure(kafka, database, "environment")
    elif docker_answers():
        with _containers() as found:
            yield found
    else:
        yield _local_processes()


@contextlib.contextmanager
def _containers() -> Iterator[Infrastructure]:
    from testcontainers.community.kafka import KafkaContainer
    from testcontainers.community.postgres import PostgresContainer

    with (
        KafkaContainer("confluentinc/cp-kafka:7.7.1").with_kraft() as kafka,
        PostgresContainer("postgres:16-alpine", username="peel", password="peel", dbname="postgres",
                          driver=None) as postgres,
    ):
        yield Infrastructure(kafka.get_bootstrap_server(), postgres.get_connection_url(), "testcontainers")


def _local_processes() -> Infrastructure:
    for component in ("kafka", "postgres"):
        subprocess.run(["bash", str(LOCAL / f"{component}.sh"), "start"], check=True)
    env = os.environ
    host, port = env.get("PEEL_KAFKA_HOST", "127.0.0.1"), env.get("PEEL_KAFKA_PORT", "9092")
    user, password = env.get("PEEL_PG_USER", "peel"), env.get("PEEL_PG_PASSWORD", "peel")
    pg_host, pg_port = env.get("PEEL_PG_HOST", "127.0.0.1"), env.get("PEEL_PG_PORT", "55432")
    dsn = f"postgresql://{user}:{password}@{pg_host}:{pg_port}/postgres"
    local = Path(env.get("PEEL_LOCAL_DIR", REPO_ROOT / ".local"))
    return Infrastructure(f"{host}:{port}", dsn, "local processes", kafka_pid_file=local / "run" / "kafka.pid")
