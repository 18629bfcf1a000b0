"""Assembly-selection benchmark: Peel's LEXIMIN against the Sortition Foundation's MAXIMIN.

On the same instances, in one run: the published ``sortition-algorithms`` package's MAXIMIN on
HiGHS (its own solver wrapper) and Peel's LEXIMIN (``peel.sortition``), each in a fresh process,
timed from the parsed pool to the distribution. Per instance: both times, both minimum
probabilities and ``leximin_vs_their_maximin`` = our time / their time (target <= 1.0, with our
minimum at least theirs within 1e-4). Their run is stopped after ``--their-limit`` seconds; the
ratio is then an upper bound (marked "<"). Progress on stderr, a chart in bench/results/, one
JSON line at the end.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import queue
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench._common import report
from bench._sortition_instances import Instance, instances, scaled, with_households

if TYPE_CHECKING:
    from peel.sortition import SelectionProblem


def _problem(instance: Instance) -> SelectionProblem:
    from peel.sortition import Person, Quota, selection_problem

    quotas = [Quota(r["feature"], r["value"], int(r["min"]), int(r["max"]), int(r["min_flex"]), int(r["max_flex"]))
              for r in instance.quota_rows]
    features = [q.feature for q in quotas]
    people = [Person(row["id"], {f: row[f] for f in features}, (row["address"],) if "address" in row else ())
              for row in instance.people_rows]
    return selection_problem(people, quotas, instance.panel_size)


def _ours(instance: Instance) -> tuple[float, float]:
    from peel.sortition import find_distribution

    started = time.perf_counter()
    distribution = find_distribution(_problem(instance), "leximin")
    return time.perf_counter() - started, distribution.min_probability


def feasibility_check_seconds(size: int = 5000) -> float:
    """The quick check (any one panel) on a pool of ``size`` with households, from the parsed pool."""
    from peel.sortition import any_panel

    instance = with_households(scaled(size), share=0.3)
    started = time.perf_counter()
    assert any_panel(_problem(instance)) is not None
    return time.perf_counter() - started


def _theirs(instance: Instance) -> tuple[float, float]:
    from sortition_algorithms.committee_generation import find_distribution_maximin
    from sortition_algorithms.features import read_in_features
    from sortition_algorithms.people import read_in_people
    from sortition_algorithms.settings import Settings

    logging.disable(logging.CRITICAL)
    features, _, _ = read_in_features(list(instance.quota_rows[0]), instance.quota_rows, instance.panel_size)
    address = ["address"] if "address" in instance.people_rows[0] else []
    settings = Settings(id_column="id", columns_to_keep=address, check_same_address=bool(address),
                        check_same_address_columns=address)
    people, _ = read_in_people(list(instance.people_rows[0]), instance.people_rows, features, settings)
    started = time.perf_counter()
    panels, probabilities, _ = find_distribution_maximin(features, people, instance.panel_size, address)
    seconds = time.perf_counter() - started
    chance = dict.fromkeys(people, 0.0)
    for panel, probability in zip(panels, probabilities, strict=True):
        for person in panel:
            chance[person] += probability
    return seconds, min(chance.values())


def _child(which: str, instance: Instance, answer: multiprocessing.Queue) -> None:
    answer.put((_ours if which == "ours" else _theirs)(instance))


def timed(which: str, instance: Instance, limit: float) -> tuple[float, float | None]:
    """(seconds, minimum probability) in a fresh process; (limit, None) if it did not finish in time."""
    context = multiprocessing.get_context("spawn")
    answer = context.Queue()
    child = context.Process(target=_child, args=(which, instance, answer))
    child.start()
    try:
        return answer.get(timeout=limit + 30)
    except queue.Empty:
        return limit, None
    finally:
        child.kill()
        child.join()


def chart(result: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = result["instances"]
    names = [row["instance"] for row in rows]
    figure, axis = plt.subplots(figsize=(9, 4.5))
    positions = range(len(rows))
    axis.bar([p - 0.2 for p in positions], [row["their_maximin_seconds"] for row in rows], 0.4,
             label="sortition-algorithms MAXIMIN (HiGHS)", color="#b0b0b0")
    axis.bar([p + 0.2 for p in positions], [row["our_leximin_seconds"] for row in rows], 0.4,
             label="Peel LEXIMIN (HiGHS)", color="#1f5fa8")
    for p, row in zip(positions, rows, strict=True):
        if row["their_maximin_min_probability"] is None:
            axis.annotate(f"stopped at {row['their_maximin_seconds']:.0f} s", (p - 0.2, row["their_maximin_seconds"]),
                          ha="center", va="bottom", fontsize=8)
    axis.set_yscale("log")
    axis.set_xticks(list(positions), names, rotation=15)
    axis.set_ylabel("seconds (log scale)")
    axis.set_title("Time to a selection distribution, same instances, same run")
    axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)


def run_instance(instance: Instance, limit: float) -> dict:
    print(f"{instance.name}: their MAXIMIN ...", file=sys.stderr, flush=True)
    their_seconds, their_min = timed("theirs", instance, limit)
    print(f"{instance.name}: our LEXIMIN ...", file=sys.stderr, flush=True)
    our_seconds, our_min = timed("ours", instance, limit)
    finished = their_min is not None
    row = {"instance": instance.name, "our_leximin_seconds": round(our_seconds, 3),
           "their_maximin_seconds": round(their_seconds, 3), "our_min_probability": our_min,
           "their_maximin_min_probability": their_min, "their_finished": finished,
           "leximin_vs_their_maximin": round(our_seconds / their_seconds, 4),
           "min_at_least_theirs": (our_min >= their_min - 1e-4) if finished else True}
    bound = "" if finished else "<"
    print(f"{instance.name}: ours {our_seconds:.2f} s (min {our_min:.6f}), theirs "
          f"{'>' if not finished else ''}{their_seconds:.2f} s (min {their_min if finished else 'n/a'}), "
          f"leximin_vs_their_maximin {bound}{row['leximin_vs_their_maximin']:.3f}", file=sys.stderr, flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--their-limit", type=float, default=600.0, help="seconds before their run is stopped")
    parser.add_argument("--only", help="run only instances whose name contains this")
    arguments = parser.parse_args()
    chosen = [i for i in instances() if not arguments.only or arguments.only in i.name]
    rows = [run_instance(instance, arguments.their_limit) for instance in chosen]
    check = feasibility_check_seconds()
    print(f"quick feasibility check, 5,000 people with households: {check:.2f} s", file=sys.stderr, flush=True)
    result = {"benchmark": "assembly_selection", "instances": rows, "feasibility_check_5000_seconds": round(check, 3),
              "leximin_vs_their_maximin": max(row["leximin_vs_their_maximin"] for row in rows),
              "min_probability_at_least_theirs": all(row["min_at_least_theirs"] for row in rows)}
    report("assembly_selection", result, chart)


if __name__ == "__main__":
    main()
