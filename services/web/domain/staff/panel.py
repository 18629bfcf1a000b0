"""The Panel questions' pure rules as staff see them: what each status is called and allows, and the accept, reject
and answer forms read from what a clerk typed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from peel.web.domain.staff import reading
from peel.web.domain.staff.messages import N_

STATUSES = {
    "received": N_("Awaiting a decision"), "accepted": N_("Accepted: to answer"), "rejected": N_("Rejected"),
    "answered": N_("Answered: to publish"), "published": N_("Published"),
}
STATUS_COLOURS = {"received": "blue", "accepted": "yellow", "rejected": "grey", "answered": "turquoise",
                  "published": "green"}
ACTIONS = {"received": ("accept", "reject"), "accepted": ("answer",), "answered": ("publish",)}
ENGLISH_MISSING = N_("Enter the response in English")
DAY_WRONG = N_("Enter the date of the response as a real date, like 2027-03-31")
REASON_MISSING = N_("Select why the question is rejected")
DONE = {
    "accepted": N_("The question is accepted. Its answer is now due."),
    "rejected": N_("The question is rejected. The reason is kept with it."),
    "answered": N_("The answer is saved. Publish it when it may be shown to residents."),
    "published": N_("The question and its answer are published on the resident pages."),
}


def actions_for(question: Mapping[str, Any]) -> tuple[str, ...]:
    """What a clerk may do next to a question in its status (nothing once rejected or published)."""
    return ACTIONS.get(str(question.get("status", "")), ())


def counts(questions: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """How many questions are in each status, and how many are overdue, for the meeting's summary."""
    found = dict.fromkeys([*STATUSES, "overdue"], 0)
    for question in questions:
        found[str(question.get("status"))] = found.get(str(question.get("status")), 0) + 1
        found["overdue"] += bool(question.get("overdue"))
    return found


@dataclass(frozen=True)
class AnswerForm:
    """The Commissioner's response in English (required) and Welsh (optional), and the day it was given."""

    english: str = ""
    welsh: str = ""
    answered_on: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, fields: Mapping[str, str]) -> AnswerForm:
        english, welsh = fields.get("response_en", ""), fields.get("response_cy", "")
        day = fields.get("answered_on", "")
        errors = {}
        if not english:
            errors["response_en"] = ENGLISH_MISSING
        if day and reading.day(day) is None:
            errors["answered_on"] = DAY_WRONG
        return cls(english, welsh, day, errors)

    def body(self) -> dict[str, Any]:
        response = {"en": self.english, **({"cy": self.welsh} if self.welsh else {})}
        return {"response": response, **({"answered_on": self.answered_on} if self.answered_on else {})}


def rejection_errors(reason: str, known: Iterable[str]) -> dict[str, str]:
    """The reject form's problem: a reason must be chosen from the office's list."""
    return {} if reason and reason in set(known) else {"reason": REASON_MISSING}


MEETING_PROBLEMS = {
    "title_en": N_("Enter the meeting's name in English"),
    "venue_en": N_("Enter where the Panel meets, in English"),
    "day": N_("Enter the day of the meeting as a real date, like 2027-03-31"),
    "time": N_("Enter the time the meeting starts, like 10:00"),
    "notice_working_days": N_("Enter the working days' notice, from 0 to 60"),
    "word_limit": N_("Enter the most words a question may have, from 1 to 5000"),
    "answer_working_days": N_("Enter the working days to answer in, from 1 to 120"),
}
MEETING_DEFAULTS = {"notice_working_days": "10", "word_limit": "300", "answer_working_days": "20"}
NUMBERS = {"notice_working_days": (0, 60), "word_limit": (1, 5000), "answer_working_days": (1, 120)}


@dataclass(frozen=True)
class MeetingForm:
    """A Panel meeting to schedule: its name and place in English (Welsh optional), its day and time in England
    and Wales, and its rules (notice, word limit, working days to answer)."""

    typed: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, fields: Mapping[str, str]) -> MeetingForm:
        typed = {**MEETING_DEFAULTS, **{key: value for key, value in fields.items() if value}}
        errors = {key: MEETING_PROBLEMS[key] for key in ("title_en", "venue_en") if not typed.get(key)}
        if reading.day(typed.get("day", "")) is None:
            errors["day"] = MEETING_PROBLEMS["day"]
        if reading.uk_moment(typed.get("day", ""), typed.get("time", "")) is None:
            errors.setdefault("time", MEETING_PROBLEMS["time"])
        for key, (low, high) in NUMBERS.items():
            if reading.whole(typed[key], low, high) is None:
                errors[key] = MEETING_PROBLEMS[key]
        return cls(typed, errors)

    def body(self) -> dict[str, Any]:
        typed, starts = self.typed, reading.uk_moment(self.typed["day"], self.typed["time"])
        assert starts is not None
        return {"starts_at": starts.isoformat(), "title": _both(typed, "title"), "venue": _both(typed, "venue"),
                **{key: reading.whole(typed[key]) for key in NUMBERS}}


def _both(typed: Mapping[str, str], key: str) -> dict[str, str]:
    return {"en": typed[f"{key}_en"], **({"cy": typed[f"{key}_cy"]} if typed.get(f"{key}_cy") else {})}
