"""``peel demo``: one PCC office with its local policing areas and population figures, an open
consultation with residents' responses from across its areas, last year's consultation with its results
and outcome published, a year of surgeries and a citizens' assembly with its members selected, and how the
office's web pages look (its names in English and Welsh), and its e-bulletin subscribers and parish councils with
two bulletins sent.

Talks to the running services over HTTP, as a front-end would, then waits until the
reporting service shows every response. The data itself is made in ``demo_data``.
"""

from __future__ import annotations

import argparse
import os
import random
import time

import httpx

from peel.cli.demo_data import (
    LAST_YEAR,
    OUTCOME,
    TENANT,
    THIS_YEAR,
    areas_csv,
    consultation_body,
    population_csv,
    responses,
)
from peel.cli.demo_notifications import seed_notifications
from peel.cli.demo_scheduling import seed_scheduling
from peel.cli.tokens import development_token

CSV = {"Content-Type": "text/csv"}
OFFICE_DISPLAY = {
    "name": {"en": "Cheshire Police and Crime Commissioner", "cy": "Comisiynydd Heddlu a Throseddu Swydd Gaer"},
    "head_title": {"en": "Police and Crime Commissioner for Cheshire",
                   "cy": "Comisiynydd yr Heddlu a Throseddu ar gyfer Swydd Gaer"},
    "brand_colour": "#005ea5",
}


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("demo", help="load demo data into the running platform")
    command.add_argument("--responses", type=int, default=240, help="residents' responses to submit")
    command.add_argument("--seed", type=int, default=2027)
    command.set_defaults(run=run)


def _url(service: str, port: int) -> str:
    """The service's URL: ``PEEL_<SERVICE>_URL``, else localhost on ``PEEL_<SERVICE>_PORT``."""
    port = int(os.environ.get(f"PEEL_{service.upper()}_PORT", port))
    return os.environ.get(f"PEEL_{service.upper()}_URL", f"http://127.0.0.1:{port}")


def _bearer(*roles: str, subject: str = "demo-officer") -> dict:
    return {"Authorization": f"Bearer {development_token(TENANT, list(roles), subject=subject)}"}


def run(arguments: argparse.Namespace) -> int:
    staff, admin = _bearer("engagement_officer"), _bearer("admin")
    rng = random.Random(arguments.seed)
    with (httpx.Client(base_url=_url("consultation", 8101), timeout=10) as consultation,
          httpx.Client(base_url=_url("reporting", 8104), timeout=10) as reporting):
        consultation_id, last_year = seed_consultations(consultation, reporting, staff, admin, arguments.responses,
                                                        rng)
    results = wait_for_results(consultation_id, arguments.responses, staff)
    print(f"tenant {TENANT}: consultation {consultation_id} open with {results['responses']} responses")
    with httpx.Client(base_url=_url("scheduling", 8102), timeout=30) as scheduling:
        seeded = seed_scheduling(scheduling, staff, rng)
    with httpx.Client(base_url=_url("web", 8105), timeout=10) as web:
        web.put(f"/v1/tenants/{TENANT}/display", json=OFFICE_DISPLAY, headers=admin).raise_for_status()
    with httpx.Client(base_url=_url("notifications", 8103), timeout=30) as notifications:
        notified = seed_notifications(notifications, staff, _bearer("engagement_officer", subject="demo-approver"),
                                      rng)
    _report(consultation_id, last_year, seeded)
    _report_notifications(notified)
    return 0


def seed_consultations(consultation: httpx.Client, reporting: httpx.Client, staff: dict, admin: dict, count: int,
                       rng: random.Random) -> tuple[str, str]:
    """The office's population figures and areas; last year's consultation (half as many responses) with its
    results and outcome published; this year's, open, with ``count`` responses. Their ids: this year's first."""
    reporting.put("/v1/populations", content=population_csv(), headers=admin | CSV).raise_for_status()
    consultation.put("/v1/areas", content=areas_csv(), headers=admin | CSV).raise_for_status()
    last_year = _consultation(consultation, staff, LAST_YEAR, responses(count // 2, rng))
    _publish_results(consultation, staff, last_year)
    return _consultation(consultation, staff, THIS_YEAR, responses(count, rng)), last_year


def _consultation(client: httpx.Client, staff: dict, title: dict[str, str], bodies: list[dict]) -> str:
    """A published survey with these responses, each from its own address; its id."""
    created = client.post("/v1/consultations", json=consultation_body(title), headers=staff)
    created.raise_for_status()
    consultation_id = created.json()["id"]
    client.post(f"/v1/consultations/{consultation_id}/publish", headers=staff).raise_for_status()
    for done, body in enumerate(bodies, start=1):
        client.post(f"/v1/consultations/{consultation_id}/responses", json=body,
                    headers={"X-Forwarded-For": f"192.0.2.{done % 250 + 1}"}).raise_for_status()
        _progress(title["en"], done, len(bodies))
    print()
    return consultation_id


def _publish_results(client: httpx.Client, staff: dict, consultation_id: str) -> None:
    """Closes the consultation, publishes its results and says what the office did."""
    for action in ("close", "results/publish"):
        client.post(f"/v1/consultations/{consultation_id}/{action}", headers=staff).raise_for_status()
    client.post(f"/v1/consultations/{consultation_id}/outcome", json={"outcome": OUTCOME},
                headers=staff).raise_for_status()


def _report(consultation_id: str, last_year: str, seeded: dict) -> None:
    selection, reporting = seeded["selection"], _url("reporting", 8104)
    surgeries = f"{_url('scheduling', 8102)}/v1/public/{TENANT}/surgeries"
    print(f"surgeries: {seeded['surgeries']} over the next year ({surgeries})")
    print(f"assembly {seeded['assembly']}: {len(selection['selected'] or [])} members selected by "
          f"{selection['algorithm']} (seed {selection['seed']}, smallest chance "
          f"{(selection['summary'] or {}).get('min', 0):.3f})")
    print(f"results: {reporting}/v1/consultations/{consultation_id}/results")
    print(f"         {reporting}/v1/consultations/{consultation_id}/results/breakdown?by=area")
    print(f"         {reporting}/v1/consultations/{consultation_id}/results/weighted")
    print(f"last year's, for the public: {reporting}/v1/public/consultations/{last_year}/results")
    print(f"token:   peel token --tenant {TENANT} --role analyst")
    web = _url("web", 8105)
    print(f"the office's pages: {web}/en/{TENANT}/  (Cymraeg: {web}/cy/{TENANT}/)")
    print(f"         the open consultation: {web}/en/{TENANT}/consultations/{consultation_id}")
    print(f"the staff pages: {web}/staff/  (sign in with the local identity provider, e.g. as officer, or "
          "with the development sign-in)")


def _report_notifications(notified: dict) -> None:
    stats, notifications = notified["stats"], _url("notifications", 8103)
    print(f"e-bulletin {notified['bulletin']} to {notified['residents']} subscribers: {stats.get('sent', 0)} sent, "
          f"{stats.get('suppressed', 0)} without consent, {stats.get('digest', 0)} in weekly digests "
          f"({notifications}/v1/bulletins/{notified['bulletin']}/stats)")
    print(f"         and bulletin {notified['cascade']} to {len(notified['councils'])} parish and town councils; "
          "their emails, with unsubscribe, preferences and acknowledgement links, are under .local/mail/")


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

