"""``peel demo``: one PCC office with an open consultation and residents' responses, a year of surgeries
and a citizens' assembly with its members selected.

Talks to the running services over HTTP, as a front-end would, then waits until the
reporting service shows every response.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import UTC, datetime, timedelta

import httpx

from peel.cli.demo_scheduling import seed_scheduling
from peel.cli.tokens import development_token

TENANT = "cheshire"
AREAS = {
    "cheshire_east": "Cheshire East (Crewe, Macclesfield, Nantwich)",
    "cheshire_west": "Cheshire West and Chester (Chester, Ellesmere Port, Northwich)",
    "halton": "Halton (Runcorn, Widnes)",
    "warrington": "Warrington",
}
PRIORITIES = {
    "asb": ("Anti-social behaviour", "Ymddygiad gwrthgymdeithasol"),
    "roads": ("Road safety and speeding", "Diogelwch ar y ffyrdd a goryrru"),
    "burglary": ("Burglary and theft", "Byrgleriaeth a lladrad"),
    "vawg": ("Violence against women and girls", "Trais yn erbyn menywod a merched"),
    "drugs": ("Drugs and county lines", "Cyffuriau a llinellau cyffuriau"),
    "rural": ("Rural and wildlife crime", "Troseddau gwledig a bywyd gwyllt"),
}
COMMENTS = [
    "More visible patrols in the town centre at weekends, please.",
    "Speeding through the village is the biggest worry for us.",
    "Keep the neighbourhood officers we know; they make a difference.",
    "Quicker answers on 101 would help.",
    "",
]


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("demo", help="load demo data into the running platform")
    command.add_argument("--responses", type=int, default=240, help="residents' responses to submit")
    command.add_argument("--seed", type=int, default=2027)
    command.set_defaults(run=run)


def _url(service: str, port: int) -> str:
    """The service's URL: ``PEEL_<SERVICE>_URL``, else localhost on ``PEEL_<SERVICE>_PORT``."""
    port = int(os.environ.get(f"PEEL_{service.upper()}_PORT", port))
    return os.environ.get(f"PEEL_{service.upper()}_URL", f"http://127.0.0.1:{port}")


def consultation_body() -> dict:
    return {
        "title": {"en": "Policing priorities for Cheshire 2027-28",
                  "cy": "Blaenoriaethau plismona ar gyfer Swydd Gaer 2027-28"},
        "kind": "survey",
        "closes_at": (datetime.now(UTC) + timedelta(days=42)).isoformat(),
        "questions": [
            {"key": "area", "type": "single_choice", "text": {"en": "Which local policing area do you live in?"},
             "options": [{"key": key, "text": {"en": name}} for key, name in AREAS.items()]},
            {"key": "priority", "type": "single_choice",
             "text": {"en": "Which matters most to you?", "cy": "Beth sydd bwysicaf i chi?"},
             "options": [{"key": key, "text": {"en": en, "cy": cy}} for key, (en, cy) in PRIORITIES.items()]},
            {"key": "also", "type": "multi_choice", "required": False, "max_selections": 3,
             "text": {"en": "What else should the Commissioner focus on? (up to three)"},
             "options": [{"key": key, "text": {"en": en, "cy": cy}} for key, (en, cy) in PRIORITIES.items()]},
            {"key": "comments", "type": "free_text", "required": False, "max_length": 2000,
             "text": {"en": "Anything else you would like to tell the Commissioner?"}},
        ],
    }


def resident_answers(rng: random.Random) -> dict:
    weights = [6, 5, 4, 3, 3, 1]
    answers: dict = {"area": rng.choice(list(AREAS)), "priority": rng.choices(list(PRIORITIES), weights)[0]}
    if rng.random() < 0.6:
        answers["also"] = rng.sample(list(PRIORITIES), rng.randint(1, 3))
    if comment := rng.choice(COMMENTS):
        answers["comments"] = comment
    return answers


def run(arguments: argparse.Namespace) -> int:
    staff = {"Authorization": f"Bearer {development_token(TENANT, ['engagement_officer'], subject='demo-officer')}"}
    rng = random.Random(arguments.seed)
    with httpx.Client(base_url=_url("consultation", 8101), timeout=10) as consultation:
        created = consultation.post("/v1/consultations", json=consultation_body(), headers=staff)
        created.raise_for_status()
        consultation_id = created.json()["id"]
        consultation.post(f"/v1/consultations/{consultation_id}/publish", headers=staff).raise_for_status()
        for done in range(1, arguments.responses + 1):
            response = consultation.post(f"/v1/consultations/{consultation_id}/responses",
                                         json={"answers": resident_answers(rng)},
                                         headers={"X-Forwarded-For": f"192.0.2.{done % 250 + 1}"})
            response.raise_for_status()
            _progress("responses", done, arguments.responses)
    results = wait_for_results(consultation_id, arguments.responses, staff)
    print(f"\ntenant {TENANT}: consultation {consultation_id} open with {results['responses']} responses")
    with httpx.Client(base_url=_url("scheduling", 8102), timeout=30) as scheduling:
        seeded = seed_scheduling(scheduling, staff, rng)
    selection = seeded["selection"]
    surgeries = f"{_url('scheduling', 8102)}/v1/public/{TENANT}/surgeries"
    print(f"surgeries: {seeded['surgeries']} over the next year ({surgeries})")
    print(f"assembly {seeded['assembly']}: {len(selection['selected'] or [])} members selected by "
          f"{selection['algorithm']} (seed {selection['seed']}, smallest chance "
          f"{(selection['summary'] or {}).get('min', 0):.3f})")
    print(f"results: {_url('reporting', 8104)}/v1/consultations/{consultation_id}/results")
    print(f"token:   peel token --tenant {TENANT} --role analyst")
    return 0


def wait_for_results(consultation_id: str, expected: int, staff: dict, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=_url("reporting", 8104), timeout=10) as reporting:
        while True:
            response = reporting.get(f"/v1/consultations/{consultation_id}/results", headers=staff)
            if response.status_code == 200 and response.json()["responses"] >= expected:
                return response.json()
            if time.monotonic() > deadline:
                raise SystemExit(f"reporting did not show {expected} responses within {timeout:.0f}s")
            time.sleep(0.5)


def _progress(label: str, done: int, total: int) -> None:
    if done == total or done % max(1, total // 20) == 0:
        print(f"\r{label}: {done}/{total}", end="", flush=True)
