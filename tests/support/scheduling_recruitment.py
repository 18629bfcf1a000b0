"""Citizens' assemblies set up, recruited and selected through their use cases over fake units of work, for the
unit tests of the assemblies' rules."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from peel.scheduling.assemblies.domain.assemblies import Assembly, Remit
from peel.scheduling.assemblies.domain.assembly_selection import RunKind, SelectionRequest
from peel.scheduling.assemblies.domain.registration import Contact, FormKey, Registrant
from peel.scheduling.assemblies.service_layer import assemblies, assembly_selection
from peel.scheduling.assemblies.service_layer.assemblies import CreateAssembly, Register
from peel.sortition import Quota
from tests.unit.scheduling_fakes import FakeTransaction

START = datetime(2027, 2, 1, 9, tzinfo=UTC)
KEYS = FormKey(b"a link secret for the unit tests")
QUOTAS = (Quota("Sex", "Female", 3, 4), Quota("Sex", "Male", 3, 4), Quota("Age", "16-39", 2, 5),
          Quota("Age", "40+", 2, 5))
ASSEMBLY = CreateAssembly(Remit("Safer nights", "Nosweithiau mwy diogel"),
                          Remit("How should we make town centres feel safer at night?"), ("crewe", "chester"), 7,
                          QUOTAS, datetime(2027, 3, 1, 17, tzinfo=UTC), date(2027, 4, 30))


class Clock:
    """A clock the test moves on."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass(frozen=True, slots=True)
class Registered:
    registrant: Registrant
    token: str


def volunteer(number: int, code: str, rng: random.Random, **features: str) -> Register:
    chosen = {"sex": rng.choice(["female", "MALE"]), "age": rng.choice(["16-39", "40+"])} | features
    contact = Contact(f"Volunteer {number}", f"v{number}@example.org", None, (f"{code} Market Street", "CW1 2AB"))
    return Register(code.lower(), contact, chosen, KEYS.issue(START), "")


async def set_up(uow: FakeTransaction, clock: Clock, households: int = 20,
                 **changes: object) -> tuple[Assembly, list[str]]:
    assembly = await assemblies.create_assembly(uow, "cheshire", replace(ASSEMBLY, **changes), clock)
    return assembly, await assemblies.invite_households(uow, "cheshire", assembly.id, households, clock)


async def register(uow: FakeTransaction, clock: Clock, assembly_id: uuid.UUID, person: Register) -> Registered:
    """Registers as a person does: the form is fetched, then sent back twenty seconds later."""
    form_token = KEYS.issue(clock())
    clock.wait(20)
    registrant, token = await assemblies.register(uow, assembly_id, replace(person, form_token=form_token), KEYS,
                                                  clock)
    return Registered(registrant, token)


async def recruited(uow: FakeTransaction, clock: Clock, count: int = 20, seed: int = 4,
                    **changes: object) -> tuple[Assembly, list[Registered]]:
    rng = random.Random(seed)
    assembly, codes = await set_up(uow, clock, households=count, **changes)
    people = [await register(uow, clock, assembly.id, volunteer(n, codes[n], rng)) for n in range(count)]
    return assembly, people


async def run(uow: FakeTransaction, clock: Clock, assembly_id: uuid.UUID, kind: RunKind = RunKind.SELECTION,
              seed: int = 7, dropouts: tuple[uuid.UUID, ...] = ()) -> dict:
    """Asks for a run and lets the worker carry it out; the run as stored."""
    request = SelectionRequest(kind, "leximin", seed, dropouts)
    run_id = await assembly_selection.request_run(uow, "cheshire", assembly_id, request, clock)
    assert await assembly_selection.run_next(lambda: uow, clock)
    return uow.runs.rows[run_id]


async def selected(uow: FakeTransaction, clock: Clock, count: int = 20,
                   **changes: object) -> tuple[Assembly, list[Registered]]:
    """A recruited assembly whose panel is drawn."""
    assembly, people = await recruited(uow, clock, count, **changes)
    done = await run(uow, clock, assembly.id)
    assert done["status"] == "done", done
    return uow.assemblies.rows[assembly.id], people
