"""``peel assembly select``: choose a citizens' assembly panel from a pool of volunteers."""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import time
from pathlib import Path
from typing import TextIO

EXIT_INFEASIBLE = 2
EXIT_BAD_INPUT = 1


def register(commands: argparse._SubParsersAction) -> None:
    assembly = commands.add_parser("assembly", help="citizens' assemblies")
    actions = assembly.add_subparsers(dest="action", required=True, metavar="ACTION")
    select = actions.add_parser(
        "select", help="draw a panel that meets the quotas, fairly (LEXIMIN) or by the legacy method",
        description="Finds the probability distribution over panels meeting every quota that is "
                    "leximin-fair to the volunteers (or uses the legacy greedy method), then draws one panel "
                    "with the seed. Exit 0 on success, 2 when no panel meets the quotas (the smallest "
                    "relaxation is printed), 1 for unusable files.",
    )
    select.add_argument("--features", type=Path, required=True, help="quotas: feature,value,min,max[,min_flex,max_flex]")
    select.add_argument("--people", type=Path, required=True, help="the pool: an id column and one column per feature")
    select.add_argument("--panel-size", type=int, required=True, metavar="K")
    select.add_argument("--id-column", default="id")
    select.add_argument("--household-columns", default="", metavar="COL1,COL2",
                        help="address columns: at most one person per household (case and spaces ignored)")
    select.add_argument("--algorithm", choices=("leximin", "legacy", "maximin"), default="leximin")
    select.add_argument("--seed", type=int, help="seed for the draw (default: a fresh random one, recorded)")
    select.add_argument("--legacy-draws", type=int, default=1000,
                        help="legacy only: panels drawn to estimate its probabilities")
    select.add_argument("--lottery", type=int, metavar="M", help="also list a uniform lottery of M panels")
    select.add_argument("--output", type=Path, help="write the report here (default: standard output)")
    select.set_defaults(run=run_select)


class ProgressLine:
    """``levels fixed 3 · people fixed 40/150 · panels 120`` on one line, at most five times a second."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.shown_at, self.tty = 0.0, self.stream.isatty()

    def __call__(self, progress) -> None:
        now = time.monotonic()
        if now - self.shown_at < (0.2 if self.tty else 2.0):
            return
        self.shown_at = now
        text = (f"{progress.stage}: levels fixed {progress.levels} · people fixed "
                f"{progress.people_fixed}/{progress.pool_size} · panels {progress.panels}")
        self.stream.write(("\r" + text) if self.tty else text + "\n")
        self.stream.flush()

    def done(self) -> None:
        if self.tty and self.shown_at:
            self.stream.write("\n")


def report(problem, selection, seconds: float, lottery_size: int | None) -> dict:
    from peel.sortition import lottery_error, uniform_lottery

    distribution = selection.distribution
    chosen = set(selection.selected)
    counts = problem.quota_counts([i for i, person in enumerate(problem.ids) if person in chosen])
    body = {
        "algorithm": distribution.algorithm, "pool_size": len(problem.people), "panel_size": problem.panel_size,
        "seed": selection.seed, "min_probability": distribution.min_probability,
        "probabilities": dict(distribution.marginals),
        "panels": [{"members": list(panel), "probability": p}
                   for panel, p in zip(distribution.panels, distribution.probabilities)],
        "selected": list(selection.selected),
        "quotas": [{"feature": q.feature, "value": q.value, "min": q.min, "max": q.max, "selected": int(c)}
                   for q, c in zip(problem.quotas, counts.tolist())],
        "never_selectable": list(distribution.never_selectable),
        "seconds": round(seconds, 3),
    }
    if lottery_size:
        lottery = uniform_lottery(distribution, lottery_size, selection.seed)
        body["lottery"] = {"panels": [list(panel) for panel in lottery],
                           "max_probability_error": lottery_error(distribution, lottery)}
    return body


def run_select(arguments: argparse.Namespace) -> int:
    from peel.cli.assembly_files import FileProblem, load_problem
    from peel.sortition import CannotRelax, InfeasibleQuotas, QuotaError, SelectionError, select

    columns = [c.strip() for c in arguments.household_columns.split(",") if c.strip()]
    seed = arguments.seed if arguments.seed is not None else secrets.randbelow(2**31)
    progress, started = ProgressLine(), time.perf_counter()
    try:
        problem = load_problem(arguments.features, arguments.people, arguments.panel_size,
                               arguments.id_column, columns)
        selection = select(problem, arguments.algorithm, seed, progress, arguments.legacy_draws)
    except (InfeasibleQuotas, CannotRelax) as error:
        progress.done()
        print(f"peel assembly select: {error}", file=sys.stderr)
        return EXIT_INFEASIBLE
    except (FileProblem, QuotaError, SelectionError) as error:
        progress.done()
        print(f"peel assembly select: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    progress.done()
    body = report(problem, selection, time.perf_counter() - started, arguments.lottery)
    _write(body, arguments.output)
    print(f"selected {len(selection.selected)} of {len(problem.people)} by {arguments.algorithm} (seed {seed}); "
          f"smallest probability {body['min_probability']:.4f}", file=sys.stderr)
    return 0


def _write(body: dict, output: Path | None) -> None:
    text = json.dumps(body, indent=1, ensure_ascii=False)
    if output is None:
        print(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
