"""Selecting an assembly's members, and replacing drop-outs, through the selection engine.

A run is requested by staff, carried out in the background (it can take seconds to minutes),
and kept: the algorithm, the seed, the whole distribution and the drawn panel, so that anyone
given the published distribution and the seed can re-derive the same panel.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from peel.common.errors import Conflict, FieldError, InvalidInput
from peel.scheduling.assemblies.domain.assemblies import Assembly
from peel.scheduling.assemblies.domain.registration import Registrant, RegistrantStatus
from peel.sortition import (
    ALGORITHMS,
    Distribution,
    Person,
    SelectionProblem,
    probability_summary,
    replacement_problem,
    select,
    selection_problem,
)
from peel.sortition.model import ProgressSink


class RunKind(StrEnum):
    SELECTION = "selection"
    REPLACEMENT = "replacement"


class RunStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class SelectionRequest:
    """What staff asked for: which algorithm, which seed, and for a replacement who dropped out."""

    kind: RunKind
    algorithm: str
    seed: int
    dropouts: tuple[uuid.UUID, ...] = ()

    @classmethod
    def of_run(cls, run: dict) -> SelectionRequest:
        """The request a stored run was made for."""
        return cls(RunKind(run["kind"]), run["algorithm"], int(run["seed"]), tuple(run["dropouts"]))


@dataclass(frozen=True, slots=True)
class SelectionOutcome:
    selected: tuple[uuid.UUID, ...]
    distribution: Distribution
    summary: dict


def check_request(request: SelectionRequest, assembly: Assembly) -> None:
    if request.algorithm not in ALGORITHMS:
        raise InvalidInput([FieldError(("algorithm",), f"must be one of {', '.join(ALGORITHMS)}")])
    if request.kind is RunKind.REPLACEMENT:
        strays = [d for d in request.dropouts if d not in assembly.selected]
        if not request.dropouts or strays:
            raise InvalidInput([FieldError(("dropouts",), "list members of the selected panel who dropped out")])


def _person(registrant: Registrant) -> Person:
    return Person(str(registrant.id), dict(registrant.features), registrant.contact.address)


def pool_problem(assembly: Assembly, registrants: Sequence[Registrant],
                 statuses: Sequence[RegistrantStatus] = (RegistrantStatus.REGISTERED,)) -> SelectionProblem:
    """The selection problem over the registrants in ``statuses``."""
    people = [_person(r) for r in registrants if r.status in statuses]
    return selection_problem(people, list(assembly.quotas), assembly.panel_size)


def _outcome(problem: SelectionProblem, request: SelectionRequest, progress: ProgressSink | None) -> SelectionOutcome:
    selection = select(problem, request.algorithm, request.seed, progress)
    return SelectionOutcome(tuple(uuid.UUID(p) for p in selection.selected), selection.distribution,
                            probability_summary(selection.distribution))


def run_selection(assembly: Assembly, registrants: Sequence[Registrant], request: SelectionRequest,
                  progress: ProgressSink | None = None) -> SelectionOutcome:
    """Members drawn from everyone still registered (SelectionError when the quotas cannot be met)."""
    if request.kind is RunKind.SELECTION:
        return _outcome(pool_problem(assembly, registrants), request, progress)
    # The panel as it stands and those never drawn: earlier drop-outs are neither, and are not drawn again.
    everyone = pool_problem(assembly, registrants, (RegistrantStatus.REGISTERED, RegistrantStatus.SELECTED))
    problem = replacement_problem(everyone, [str(m) for m in assembly.selected], [str(d) for d in request.dropouts])
    return _outcome(problem, request, progress)


def refuse_second_selection(assembly: Assembly) -> None:
    if assembly.selected:
        raise Conflict("members are already selected; replace drop-outs instead")
