"""Demo data for the scheduling service: venues, a year of surgeries, and a citizens' assembly with its
registrants and a fair selection of its members."""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta

import httpx

VENUES = [("Crewe Lifestyle Centre", "Moss Square, Crewe CW1 2BB", "cheshire_east"),
          ("Macclesfield Town Hall", "Market Place, Macclesfield SK10 1EA", "cheshire_east"),
          ("Chester Storyhouse", "Hunter Street, Chester CH1 2AR", "cheshire_west"),
          ("Halton Lea Library", "Halton Lea, Runcorn WA7 2PF", "halton"),
          ("Warrington Town Hall", "Sankey Street, Warrington WA1 1UH", "warrington")]
QUOTAS = {"sex": {"Female": (14, 16), "Male": (14, 16)},
          "age": {"16-29": (5, 8), "30-44": (6, 9), "45-64": (8, 11), "65+": (5, 8)},
          "area": {"cheshire_east": (9, 12), "cheshire_west": (8, 11), "halton": (3, 6), "warrington": (5, 8)}}
POOL = {"sex": {"Female": 52, "Male": 48}, "age": {"16-29": 15, "30-44": 20, "45-64": 38, "65+": 27},
        "area": {"cheshire_east": 36, "cheshire_west": 33, "halton": 13, "warrington": 18}}


def seed_scheduling(client: httpx.Client, staff: dict, rng: random.Random, registrants: int = 240) -> dict:
    for name, address, area in VENUES:
        client.post("/v1/scheduling/venues", headers=staff, json={
            "name": name, "address": address, "policing_area": area, "capacity": 40,
            "accessibility": {"step_free": True, "hearing_loop": True, "parking": area != "cheshire_west"},
        }).raise_for_status()
    plan = client.post("/v1/scheduling/rotation-plans", headers=staff, json={
        "first_month": (date.today().replace(day=1) + timedelta(days=32)).isoformat(), "months": 12,
        "sessions_per_month": 2, "every_months": 2})
    plan.raise_for_status()
    client.post("/v1/scheduling/rotation-plans/accept", headers=staff, json={
        "host": "Police and Crime Commissioner", "sessions": plan.json()["sessions"]}).raise_for_status()
    assembly = _assembly(client, staff, rng, registrants)
    return {"surgeries": len(plan.json()["sessions"]), **assembly}


def _assembly(client: httpx.Client, staff: dict, rng: random.Random, registrants: int) -> dict:
    body = {"title": {"en": "Cheshire Citizens' Assembly on safer town centres",
                      "cy": "Cynulliad Dinasyddion Swydd Gaer ar ganol trefi mwy diogel"},
            "remit": {"en": "What should the Commissioner do to make town centres feel safer at night?"},
            "areas": list(POOL["area"]), "panel_size": 30, "honorarium_per_meeting_pence": 5000,
            "quotas": [{"feature": f, "value": v, "min": lo, "max": hi} for f, values in QUOTAS.items()
                       for v, (lo, hi) in values.items()],
            "registration_closes_at": (datetime.now(UTC) + timedelta(days=21)).isoformat(),
            "replacement_deadline": (date.today() + timedelta(days=60)).isoformat()}
    created = client.post("/v1/scheduling/assemblies", json=body, headers=staff)
    created.raise_for_status()
    assembly_id = created.json()["id"]
    codes = client.post(f"/v1/scheduling/assemblies/{assembly_id}/invitations", json={"count": registrants},
                        headers=staff)
    codes.raise_for_status()
    _register_all(client, assembly_id, codes.json(), rng)
    run = client.post(f"/v1/scheduling/assemblies/{assembly_id}/selections", json={"seed": 2027}, headers=staff)
    run.raise_for_status()
    return {"assembly": assembly_id, "selection": _wait(client, staff, assembly_id, run.json()["id"])}


def _register_all(client: httpx.Client, assembly_id: str, codes: list[str], rng: random.Random) -> None:
    """Each volunteer fills in a form of their own (a form registers one person), from an address of their own."""
    addresses = [{"X-Forwarded-For": f"198.51.100.{number % 250 + 1}"} for number in range(1, len(codes) + 1)]
    forms = [_form_token(client, assembly_id, address) for address in addresses]
    time.sleep(3.5)      # a person takes longer than this to fill the form in; the service checks
    for number, (code, form, address) in enumerate(zip(codes, forms, addresses, strict=True), start=1):
        features = {f: rng.choices(list(v), list(v.values()))[0] for f, v in POOL.items()}
        client.post(f"/v1/public/assemblies/{assembly_id}/registrations", json={
            "invitation_code": code, "name": f"Demo Volunteer {number}", "email": f"volunteer{number}@example.org",
            "address_line": f"{number} Demo Street", "postcode": "CW1 2AB", "features": features,
            "form_token": form}, headers=address).raise_for_status()
        if number % 20 == 0 or number == len(codes):
            print(f"\rregistrants: {number}/{len(codes)}", end="", flush=True)
    print()


def _form_token(client: httpx.Client, assembly_id: str, address: dict[str, str]) -> str:
    form = client.get(f"/v1/public/assemblies/{assembly_id}/registration-form", headers=address)
    form.raise_for_status()
    return form.json()["form_token"]


def _wait(client: httpx.Client, staff: dict, assembly_id: str, run_id: str, timeout: float = 120.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = client.get(f"/v1/scheduling/assemblies/{assembly_id}/selections/{run_id}", headers=staff).json()
        if run["status"] in ("done", "failed"):
            return run
        time.sleep(0.5)
    raise SystemExit(f"the assembly selection did not finish within {timeout:.0f}s")
