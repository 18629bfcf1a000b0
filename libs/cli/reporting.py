"""``peel reporting rebuild``: replay every event into fresh read models (some or all) and swap them in."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from typing import TextIO


def register(commands: argparse._SubParsersAction) -> None:
    reporting = commands.add_parser("reporting", help="the reporting service's read models")
    actions = reporting.add_subparsers(dest="action", required=True, metavar="ACTION")
    rebuild = actions.add_parser(
        "rebuild", help="replay every event from the beginning into fresh read models and swap them in",
        description="Replays every event of the topics the reporting service reads into fresh tables "
                    "(read_models_next), then swaps them for the live ones in one transaction: those of the "
                    "read models named with --read-model, or of every read model. The service may keep "
                    "running; its consumer carries on where it was.",
    )
    rebuild.add_argument("--read-model", action="append", default=[], metavar="NAME", dest="read_models",
                         help="rebuild only this read model (repeat it, or give a comma-separated list)")
    rebuild.add_argument("--batch-size", type=int, default=500, help="events applied per transaction")
    rebuild.add_argument("--keep-missing-history", action="store_true",
                         help="rebuild even if retention has deleted the oldest events (they will be missing)")
    rebuild.set_defaults(run=run_rebuild)


class ProgressBar:
    """``replaying [#####-----] 1,234/5,000 events`` on one line of ``stream``, at most ten times a second."""

    def __init__(self, stream: TextIO = sys.stderr, width: int = 40) -> None:
        self._stream, self._width, self._shown_at = stream, width, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._shown_at < 0.1:
            return
        self._shown_at = now
        filled = self._width if not total else self._width * min(done, total) // total
        bar = "#" * filled + "-" * (self._width - filled)
        self._stream.write(f"\rreplaying [{bar}] {done:,}/{total:,} events")
        if done >= total:
            self._stream.write("\n")
        self._stream.flush()


def read_model_names(given: list[str]) -> list[str]:
    """The names given with ``--read-model``, each possibly a comma-separated list."""
    return [name.strip() for names in given for name in names.split(",") if name.strip()]


def run_rebuild(arguments: argparse.Namespace) -> int:
    from peel.common.errors import Conflict
    from peel.common.telemetry import configure_logging
    from peel.reporting.bootstrap import rebuild_read_models
    from peel.reporting.read_models.registry import UnknownReadModel, named
    from peel.reporting.settings import ReportingSettings

    names = read_model_names(arguments.read_models)
    try:
        named(names)
    except UnknownReadModel as refusal:
        print(f"peel reporting rebuild: {refusal}", file=sys.stderr)
        return 2
    configure_logging("reporting", "WARNING")
    try:
        report = asyncio.run(rebuild_read_models(
            ReportingSettings(), ProgressBar(), batch_size=arguments.batch_size,
            keep_missing_history=arguments.keep_missing_history, read_models=names))
    except Conflict as refusal:
        print(f"peel reporting rebuild: {refusal}", file=sys.stderr)
        return 1
    _tell(report.replayed + report.caught_up, report.set_aside, names)
    return 0


def _tell(replayed: int, set_aside: int, names: list[str]) -> None:
    rebuilt = ", ".join(names) or "read models"
    print(f"{rebuilt} rebuilt from {replayed:,} events and swapped in", file=sys.stderr)
    if set_aside:
        print(f"{set_aside:,} events could not be applied (as when first consumed) and were set aside",
              file=sys.stderr)
