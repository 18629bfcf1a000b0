"""An assembly, its registrants, its report and its selection runs as the services answer them, for the staff
assembly page tests."""

from __future__ import annotations

import uuid

ASSEMBLY_ID = "6f1c1d2e-0000-4000-8000-000000000001"
OTHER_ID = "6f1c1d2e-0000-4000-8000-0000000000ff"
RUN_ID = "6f1c1d2e-0000-4000-8000-0000000000a1"
API = f"/v1/scheduling/assemblies/{ASSEMBLY_ID}"
QUOTAS = [{"feature": "Sex", "value": "Female", "min": 3, "max": 4, "min_flex": None, "max_flex": None},
          {"feature": "Sex", "value": "Male", "min": 3, "max": 4, "min_flex": None, "max_flex": None}]
PEOPLE = [str(uuid.UUID(int=n)) for n in range(1, 5)]
ASSEMBLY = {"id": ASSEMBLY_ID, "title": {"en": "Safer nights", "cy": "Nosweithiau mwy diogel"},
            "remit": {"en": "How should we make town centres feel safer at night?", "cy": None},
            "areas": ["crewe", "chester"], "panel_size": 2, "registration_closes_at": "2027-03-01T17:00:00Z",
            "replacement_deadline": "2027-04-30", "status": "selected", "quotas": QUOTAS,
            "selected": PEOPLE[:2], "honorarium_per_meeting_pence": 5000}


def registrant(number: int, sex: str, age: str, status: str = "registered") -> dict:
    return {"id": PEOPLE[number - 1], "status": status, "features": {"Sex": sex, "Age": age},
            "name": f"Volunteer {number}", "email": f"v{number}@example.org", "phone": None,
            "address_line": f"{number} Market Street", "postcode": "CW1 2AB",
            "registered_at": "2027-02-01T09:00:00Z", "reply": "confirmed" if number == 1 else None}


REGISTRANTS = [registrant(1, "Female", "16-39", "selected"), registrant(2, "Male", "40+", "selected"),
               registrant(3, "Female", "16-39"), registrant(4, "Male", "40+")]
COMPOSITION = {"assembly_id": ASSEMBLY_ID, "pool": 24, "panel": 2, "features": [
    {"feature": "Sex", "population_dimension": "sex", "values": [
        {"value": "Female", "quota_min": 3, "quota_max": 4, "pool": 12, "pool_suppressed": False, "panel": 1},
        {"value": "Male", "quota_min": 3, "quota_max": 4, "pool": None, "pool_suppressed": True, "panel": 1}]}],
    "runs": [{"run_id": RUN_ID, "kind": "selection", "ran_at": "2027-03-02T10:00:00Z", "algorithm": "leximin",
              "seed": 42}]}
RUN_RUNNING = {"id": RUN_ID, "assembly_id": ASSEMBLY_ID, "kind": "selection", "algorithm": "leximin", "seed": 42,
               "dropouts": [], "status": "running", "requested_at": "2027-03-02T10:00:00Z", "finished_at": None,
               "error": None, "selected": None, "summary": None}
RUN_DONE = RUN_RUNNING | {"status": "done", "finished_at": "2027-03-02T10:00:05Z", "selected": PEOPLE[:2],
                          "summary": {"pool_size": 4, "min": 0.5, "median": 0.625, "max": 0.75,
                                      "never_selectable": 0}}
SET_UP = {"title_en": "Safer nights", "title_cy": "Nosweithiau mwy diogel",
          "remit_en": "How should we make town centres feel safer at night?", "areas": "crewe, Chester",
          "panel_size": "7", "quotas": "Sex, Female, 3, 4\nSex, Male, 3, 4\n", "registration_closes_on": "2027-03-01",
          "replacement_deadline": "2027-04-30", "honorarium": "50"}


def published() -> dict:
    """The published selection of the done run: two people at 75% and two at 50%."""
    chances = dict(zip(PEOPLE, (0.75, 0.5, 0.75, 0.5), strict=True))
    return {"tenant": "cheshire", "algorithm": "leximin", "seed": 42, "kind": "selection", "summary": {},
            "selected": PEOPLE[:2], "distribution": {"panels": [], "probabilities": chances, "never_selectable": []}}
