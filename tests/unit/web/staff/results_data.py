"""What the reporting and consultation services answer in the results pages' tests."""

from __future__ import annotations

CONSULTATION = "7c1e2d3a-4b5c-4d6e-8f90-a1b2c3d4e5f6"
RESPONSE = "11111111-2222-4333-8444-555555555555"
TITLE = {"en": "Policing priorities", "cy": "Blaenoriaethau plismona"}


def results(channels: dict[str, int] | None = None, responses: int = 120, **extra: object) -> dict:
    found = {
        "consultation_id": CONSULTATION, "title": TITLE, "kind": "survey", "responses": responses,
        "results_embargoed": False, "closes_at": "2026-11-30T23:59:00+00:00", "closed_at": "2026-11-30T23:59:00+00:00",
        "results_published_at": None, "outcome": None,
        "questions": [
            {"key": "priority", "type": "single_choice",
             "text": {"en": "Your top priority", "cy": "Eich prif flaenoriaeth"},
             "answered": 100, "summary": None,
             "options": [{"key": "burglary", "text": {"en": "Burglary"}, "count": 60, "share": 0.6},
                         {"key": "speeding", "text": {"en": "Speeding"}, "count": 40, "share": 0.4}]},
            {"key": "safe", "type": "rating", "text": {"en": "How safe do you feel?"}, "answered": 90, "options": [],
             "summary": {"kind": "rating", "mean": 3.2, "median": 3,
                         "distribution": [{"value": 1, "label": {"en": "Unsafe"}, "count": 10, "share": 0.11},
                                          {"value": 5, "label": {"en": "Safe"}, "count": 80, "share": 0.89}]}},
            {"key": "comments", "type": "free_text", "text": {"en": "Anything else?"}, "answered": 30, "options": [],
             "summary": {"kind": "free_text", "publishable": 12,
                         "moderation": {"pending": 4, "approved": 7, "redacted": 1}, "approved": []}},
        ],
        **extra,
    }
    if channels is not None:
        found["channels"] = channels
    return found


WEIGHTED = {
    "consultation_id": CONSULTATION, "raked_on": ["age_band"], "respondents": 120, "weighted_respondents": 110,
    "left_out": 10, "effective_sample_size": 95.5, "design_effect": 1.15, "margin_of_error": 0.1003,
    "converged": True, "iterations": 4, "trimming": {}, "without_respondents": [],
    "questions": [{"key": "priority", "type": "single_choice", "text": {"en": "Your top priority"}, "answered": 100,
                   "effective_sample_size": 90,
                   "options": [{"key": "burglary", "text": {"en": "Burglary"}, "count": 52.5, "share": 0.525,
                                "margin_of_error": 0.0312},
                               {"key": "speeding", "text": {"en": "Speeding"}, "count": 47.5, "share": 0.475,
                                "margin_of_error": 0.0312}],
                   "summary": None}],
}


def breakdown() -> dict:
    question = {"key": "priority", "type": "single_choice", "text": {"en": "Your top priority"}, "answered": 50,
                "options": [{"key": "burglary", "text": {"en": "Burglary"}, "count": 30, "share": 0.6},
                            {"key": "speeding", "text": {"en": "Speeding"}, "count": 20, "share": 0.4}]}
    return {"consultation_id": CONSULTATION, "by": "area", "rule": "groups with fewer than 10 ...",
            "groups": [{"key": "halton", "suppressed": False, "responses": 50, "questions": [question]},
                       {"key": "warrington", "suppressed": True, "responses": None, "questions": []}]}


def consultation(status: str = "closed", **extra: object) -> dict:
    return {
        "id": CONSULTATION, "office": "cheshire", "tenant": "cheshire", "status": status, "kind": "survey",
        "title": TITLE, "summary": {"en": "Tell us what matters"}, "closes_at": "2026-11-30T23:59:00+00:00",
        "opens_at": None, "closed_at": None, "outcome": None, "sections": [], "precept": None,
        "questions": [
            {"key": "priority", "type": "single_choice", "text": {"en": "Your top priority"}, "required": True,
             "options": [{"key": "burglary", "text": {"en": "Burglary"}},
                         {"key": "speeding", "text": {"en": "Speeding"}}]},
            {"key": "areas", "type": "multi_choice", "text": {"en": "Which areas?"}, "required": False,
             "options": [{"key": "north", "text": {"en": "North"}}, {"key": "south", "text": {"en": "South"}}]},
            {"key": "safe", "type": "rating", "text": {"en": "How safe do you feel?"}, "required": False,
             "scale": {"minimum": 1, "maximum": 5, "labels": {"1": {"en": "Unsafe"}}}},
            {"key": "officers", "type": "number", "text": {"en": "How many officers?"}, "required": False,
             "range": {"minimum": 0, "maximum": 100, "integer_only": True, "unit": None}},
            {"key": "order", "type": "ranking", "text": {"en": "Put these in order"}, "required": False,
             "options": [{"key": "a", "text": {"en": "Alpha"}}, {"key": "b", "text": {"en": "Beta"}}]},
            {"key": "comments", "type": "free_text", "text": {"en": "Anything else?"}, "required": False},
        ],
        **extra,
    }
