"""``peel assembly select``: choose a citizens' assembly panel from a pool of volunteers."""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from peel.sortition import Progress, Selection, SelectionProblem

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
    _common_arguments(select)
    select.add_argument("--panel-size", type=int, required=True, metavar="K")
    select.add_argument("--lottery", type=int, metavar="M", help="also list a uniform lottery of M panels")
    select.set_defaults(run=run_select)
    replace = actions.add_parser(
        "replace", help="replace drop-outs from a drawn panel, keeping the quotas over the whole panel",
        description="Chooses replacements for the drop-outs of the panel in REPORT.json (a report of `peel "
                    "assembly select`) from the volunteers never selected, minus the housemates of those who "
                    "stay, so that the whole panel still meets every quota. Exit codes as for select.",
    )
    _common_arguments(replace)
    replace.add_argument("--report", type=Path, required=True, help="the report of the original selection")
    replace.add_argument("--dropouts", required=True, metavar="ID1,ID2", help="members who dropped out")
    replace.add_argument("--count", type=int, help="how many to choose (default: one per drop-out)")
    replace.set_defaults(run=run_replace, lottery=None)


def _common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--features", type=Path, required=True,
                        help="quotas: feature,value,min,max[,min_flex,max_flex]")
    parser.add_argument("--people", type=Path, required=True, help="the pool: an id column and one column per feature")
    parser.add_argument("--id-column", default="id")
    parser.add_argument("--household-columns", default="", metavar="COL1,COL2",
                        help="address columns: at most one person per household (case and spaces ignored)")
    parser.add_argument("--algorithm", choices=("leximin", "legacy", "maximin"), default="leximin")
    parser.add_argument("--seed", type=int, help="seed for the draw (default: a fresh random one, recorded)")
    parser.add_argument("--legacy-draws", type=int, default=1000,
                        help="legacy only: panels drawn to estimate its probabilities")
    parser.add_argument("--output", type=Path, help="write the report here (default: standard output)")


class ProgressLine:
    """``levels fixed 3 · people fixed 40/150 · panels 120`` on one line, at most five times a second."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.shown_at, self.tty = 0.0, self.stream.isatty()

    def __call__(self, progress: Progress) -> None:
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


def report(problem: SelectionProblem, selection: Selection, seconds: float, lottery_size: int | None) -> dict:
    from peel.sortition import lottery_error, probability_summary, uniform_lottery

    distribution = selection.distribution
    chosen = set(selection.selected)
    counts = problem.quota_counts([i for i, person in enumerate(problem.ids) if person in chosen])
    body = {
        "algorithm": distribution.algorithm, "pool_size": len(problem.people), "panel_size": problem.panel_size,
        "seed": selection.seed, "min_probability": distribution.min_probability,
        "probabilities": dict(distribution.marginals),
        "panels": [{"members": list(panel), "probability": p}
                   for panel, p in zip(distribution.panels, distribution.probabilities, strict=True)],
        "selected": list(selection.selected),
        "quotas": [{"feature": q.feature, "value": q.value, "min": q.min, "max": q.max, "selected": int(c)}
                   for q, c in zip(problem.quotas, counts.tolist(), strict=True)],
        "never_selectable": list(distribution.never_selectable),
        "summary": probability_summary(distribution),
        "seconds": round(seconds, 3),
    }
    if lottery_size:
        lottery = uniform_lottery(distribution, lottery_size, selection.seed)
        body["lottery"] = {"panels": [list(panel) for panel in lottery],
                           "max_probability_error": lottery_error(distribution, lottery)}
    return body


def _load(arguments: argparse.Namespace, panel_size: int) -> SelectionProblem:
    from peel.cli.assembly_files import load_problem

    columns = [c.strip() for c in arguments.household_columns.split(",") if c.strip()]
    return load_problem(arguments.features, arguments.people, panel_size, arguments.id_column, columns)


def _selected(arguments: argparse.Namespace, problem_for: Callable[[], SelectionProblem],
              describe: Callable[[dict], dict]) -> int:
    """Build the problem, select, write the report; errors become exit codes with a message."""
    from peel.cli.assembly_files import FileProblem
    from peel.sortition import CannotRelax, InfeasibleQuotas, QuotaError, SelectionError, select

    seed = arguments.seed if arguments.seed is not None else secrets.randbelow(2**31)
    progress, started = ProgressLine(), time.perf_counter()
    try:
        problem = problem_for()
        selection = select(problem, arguments.algorithm, seed, progress, arguments.legacy_draws)
    except (InfeasibleQuotas, CannotRelax, FileProblem, QuotaError, SelectionError) as error:
        progress.done()
        print(f"peel assembly {arguments.action}: {error}", file=sys.stderr)
        return EXIT_INFEASIBLE if isinstance(error, (InfeasibleQuotas, CannotRelax)) else EXIT_BAD_INPUT
    progress.done()
    body = describe(report(problem, selection, time.perf_counter() - started, arguments.lottery))
    _write(body, arguments.output)
    print(f"selected {len(selection.selected)} of {len(problem.people)} by {arguments.algorithm} (seed {seed}); "
          f"smallest probability {body['min_probability']:.4f}", file=sys.stderr)
    return 0


def run_select(arguments: argparse.Namespace) -> int:
    return _selected(arguments, lambda: _load(arguments, arguments.panel_size), lambda body: body)


def run_replace(arguments: argparse.Namespace) -> int:
    from peel.cli.assembly_files import FileProblem
    from peel.sortition import replacement_problem

    try:
        original = json.loads(arguments.report.read_text(encoding="utf-8"))
        panel, size = list(original["selected"]), int(original["panel_size"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"peel assembly replace: {FileProblem(arguments.report, f'is not a selection report ({error})')}",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    dropouts = [d.strip() for d in arguments.dropouts.split(",") if d.strip()]
    staying = [member for member in panel if member not in dropouts]

    def describe(body: dict) -> dict:
        return body | {"replaced": dropouts, "kept": staying, "panel": sorted(staying + body["selected"])}

    return _selected(arguments, lambda: replacement_problem(_load(arguments, size), panel, dropouts,
                                                            arguments.count), describe)


def _write(body: dict, output: Path | None) -> None:
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    if output is None:
        print(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
