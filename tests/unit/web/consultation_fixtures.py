"""Consultations as the consultation service's public API shows them, and a stand-in for its check call whose
routing and verdicts each test sets: the pages must follow them, never work them out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from peel.web.service_layer.ports import WebPorts

SURVEY_ID = "0b9c5a52-3f7e-4f47-9c8e-1f0c7a5d2e11"
PLAN_ID = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b"
PRECEPT_ID = "7a2e3d4c-5b6f-4071-9b8c-0d1e2f3a4b5c"
OFFICE = "/v1/public/offices/cheshire/consultations/"
LATER = (datetime.now(UTC) + timedelta(days=30)).isoformat()
EARLIER = (datetime.now(UTC) - timedelta(days=30)).isoformat()


def text(en: str, cy: str | None = None) -> dict[str, str | None]:
    return {"en": en, "cy": cy}


def question(key: str, kind: str, en: str, cy: str | None = None, **rest: Any) -> dict[str, Any]:
    return {"key": key, "type": kind, "text": text(en, cy), "required": True, "options": [], "max_length": None,
            "min_selections": None, "max_selections": None, "min_ranked": None, "scale": None, "range": None,
            "budget": None, "show_if": None} | rest


def options(*pairs: tuple[str, str, str | None]) -> list[dict[str, Any]]:
    return [{"key": key, "text": text(en, cy)} for key, en, cy in pairs]


PRIORITIES = options(("asb", "Anti-social behaviour", "Ymddygiad gwrthgymdeithasol"),
                     ("roads", "Road safety", "Diogelwch ar y ffyrdd"), ("rural", "Rural crime", "Troseddau gwledig"))
QUESTIONS = [
    question("priority", "single_choice", "Which matters most to you?", "Beth sydd bwysicaf i chi?",
             options=PRIORITIES),
    question("rural", "single_choice", "Which rural crime worries you most?", "Pa drosedd wledig sy'n eich poeni?",
             options=options(("farms", "Theft from farms", "Lladrad o ffermydd"),
                             ("wildlife", "Wildlife crime", None)),
             show_if={"question": "priority", "equals": "rural"}),
    question("also", "multi_choice", "What else matters?", "Beth arall sy'n bwysig?", required=False,
             options=PRIORITIES, max_selections=2),
    question("safety", "rating", "How safe do you feel?", "Pa mor ddiogel ydych chi'n teimlo?",
             scale={"minimum": 1, "maximum": 5, "labels": {"1": text("Very unsafe", "Anniogel iawn"),
                                                           "5": text("Very safe", "Diogel iawn")}}),
    question("order", "ranking", "Put these in order", "Rhowch y rhain mewn trefn", options=PRIORITIES),
    question("years", "number", "How many years have you lived here?", "Sawl blwyddyn ydych chi wedi byw yma?",
             range={"minimum": 0, "maximum": 100, "unit": "years", "integer_only": True}),
    question("budget", "budget_allocation", "Balance the budget", "Cydbwyso'r gyllideb", budget={
        "lines": [{"key": "patrols", "text": text("Patrols", "Patrolau"), "current_spend": 1_000_000,
                   "min_change_percent": -10, "max_change_percent": 10, "step_percent": 5,
                   "consequences": [{"change_percent": -10, "text": text("Two fewer patrols", "Dwy batrôl yn llai")}]},
                  {"key": "cyber", "text": text("Cyber crime", "Seiberdroseddu"), "current_spend": 500_000,
                   "min_change_percent": -20, "max_change_percent": 20, "step_percent": 10, "consequences": []}],
        "target_change": -50_000, "tolerance": 1_000,
        "precept": {"band_d_current": 250, "max_change": 15, "income_per_pound": 2_000}}),
    question("comments", "free_text", "Anything else?", "Unrhyw beth arall?", required=False, max_length=200),
]


def consultation(consultation_id: str = SURVEY_ID, status: str = "open", **rest: Any) -> dict[str, Any]:
    return {"id": consultation_id, "office": "cheshire", "status": status, "kind": "survey",
            "title": text("Policing priorities", "Blaenoriaethau plismona"),
            "summary": text("Tell us what matters", None), "closes_at": LATER, "opens_at": EARLIER,
            "sections": [], "questions": QUESTIONS, "precept": None, "outcome": None} | rest


PLAN = consultation(PLAN_ID, kind="draft_plan", title=text("Draft Police and Crime Plan", "Cynllun drafft"),
                    sections=[{"key": "roads", "title": text("Safer roads", "Ffyrdd mwy diogel"),
                               "summary": text("Fewer deaths on our roads", "Llai o farwolaethau")}],
                    questions=[question("roads_support", "rating", "How far do you support this part of the plan: "
                                        "Safer roads?", "I ba raddau ydych chi'n cefnogi: Ffyrdd mwy diogel?",
                                        scale={"minimum": 1, "maximum": 5, "labels": {}}),
                               question("roads_comment", "free_text", "Your comments on Safer roads",
                                        "Eich sylwadau ar Ffyrdd mwy diogel", required=False, max_length=4000)])
BANDS = [{"band": band, "yearly": round(12 * ratio, 2), "weekly": round(12 * ratio / 52, 2)}
         for band, ratio in zip("ABCDEFGH", (6 / 9, 7 / 9, 8 / 9, 1, 11 / 9, 13 / 9, 15 / 9, 18 / 9), strict=True)]
PRECEPT = consultation(
    PRECEPT_ID, kind="precept", title=text("Policing precept 2027-28", "Praesept plismona 2027-28"),
    questions=[question("precept_option", "single_choice", "Which change to the policing precept do you prefer?",
                        "Pa newid i'r praesept plismona sydd orau gennych?",
                        options=options(("none", "No change for Band D", "Dim newid ar gyfer Band D"),
                                        ("twelve", "£12.00 a year more for Band D", None)))],
    precept={"band_d_current": 250.0, "ratios": {}, "referendum_limit": None, "options": [
        {"key": "none", "band_d_change": 0, "new_band_d": 250, "percent_increase": 0, "triggers_referendum": False,
         "bands": [{"band": band, "yearly": 0, "weekly": 0} for band in "ABCDEFGH"]},
        {"key": "twelve", "band_d_change": 12, "new_band_d": 262, "percent_increase": 4.8,
         "triggers_referendum": False, "bands": BANDS}]})


def routing(answers: dict[str, Any], questions: list[dict[str, Any]] = QUESTIONS) -> dict[str, Any]:
    """The service's verdict as a test scripts it: ``rural`` shown only after ``priority`` is ``rural``; a blank
    required answer is missing; a budget that does not save £50,000 is unbalanced."""
    errors: list[dict[str, Any]] = []
    for item in questions:
        key, given = item["key"], answers.get(item["key"], "unasked")
        if given is None and item["required"] and not _hidden(item, answers):
            errors.append({"loc": ["body", "answers", key], "msg": "this question needs an answer", "type": "missing"})
        elif given not in (None, "unasked") and _hidden(item, answers):
            errors.append({"loc": ["body", "answers", key], "msg": "not asked", "type": "not_asked"})
        elif key == "budget" and given not in (None, "unasked") and not _balances(given):
            errors.append({"loc": ["body", "answers", key], "msg": "does not balance", "type": "unbalanced"})
    refused = {error["loc"][2] for error in errors if error["type"] != "not_asked"}
    waiting = [item["key"] for item in questions if not _hidden(item, answers)
               and (item["key"] not in answers or item["key"] in refused)]
    return {"errors": errors, "next_question": waiting[0] if waiting else None, "all_answered": not waiting}


def _hidden(item: dict[str, Any], answers: dict[str, Any]) -> bool:
    rule = item.get("show_if")
    return bool(rule) and answers.get(rule["question"]) != rule["equals"]


def _balances(given: dict[str, Any]) -> bool:
    changes = given["changes_percent"]
    saved = 1_000_000 * changes["patrols"] / 100 + 500_000 * changes["cyber"] / 100
    return abs(saved - 2_000 * given.get("precept_change", 0) - -50_000) <= 1_000


def check_call(questions: list[dict[str, Any]] = QUESTIONS) -> Callable[[Any, Any], dict[str, Any]]:
    return lambda body, headers: routing(body["answers"], questions)


def serve(ports: WebPorts, *items: dict[str, Any]) -> None:
    for item in items:
        ports.consultation.on("GET", OFFICE + item["id"], item)
        ports.consultation.on("POST", f"/v1/public/consultations/{item['id']}/check-answers",
                              check_call(item["questions"]))
