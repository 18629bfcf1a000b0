"""``peel schemas``: write or check the committed JSON Schemas of every event."""

from __future__ import annotations

import argparse
from pathlib import Path

from peel.common.contracts import registry
from peel.common.events import schemas
from peel.common.settings import IN_CHECKOUT, REPO_ROOT

SCHEMA_DIR = (REPO_ROOT if IN_CHECKOUT else Path.cwd()) / "schemas" / "events"


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("schemas", help="write (or --check) the events' JSON Schemas")
    command.add_argument("--check", action="store_true", help="fail if the committed schemas differ from the code")
    command.add_argument("--dir", type=Path, default=SCHEMA_DIR, help=f"where the schemas live (default {SCHEMA_DIR})")
    command.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    if arguments.check:
        problems = schemas.drift(registry, arguments.dir)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for path in schemas.write(registry, arguments.dir):
        print(path)
    return 0
