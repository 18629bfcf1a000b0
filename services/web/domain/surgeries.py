"""Booking a surgery, one question a page: triage first, then the time, who you are and what about.

Answers are kept as the resident gave them (``True``/``False`` for the triage questions, text for the rest);
the rules here read a page's form, choose the next page and make the scheduling service's booking body."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from peel.web.domain.contact_details import (
    EMAIL_FORMAT,
    EMAIL_WITH_DOMAIN,
    ENTER_NAME,
    PHONE_FORMAT,
    email_problem,
    given,
    is_full_postcode,
    name_problem,
    phone_problem,
    tidy,
)


def N_(message: str) -> str:  # noqa: N802 - marks a message for translation in the template
    return message


TRIAGE = ("emergency", "complaint", "victim")
QUESTIONS = (*TRIAGE, "slot", "name", "contact", "area", "topic")
GUIDED = {"complaint": "complaint", "victim": "victim"}  # a "yes" to these shows guidance before going on
KEYS = {"slot": ("slot",), "contact": ("email", "phone"), "topic": ("topic_category", "topic")}  # else the step's
TRIAGE_FIELDS = {"emergency": "emergency", "complaint": "complaint_about_officer", "victim": "victim_of_crime"}
CATEGORIES = {
    "policing_priorities": N_("Policing priorities where you live"),
    "anti_social_behaviour": N_("Anti-social behaviour"),
    "road_safety": N_("Road safety"),
    "complaint_about_police": N_("A complaint about the police"),
    "victim_support": N_("Support for victims of crime"),
    "community_safety": N_("Community safety"),
    "other": N_("Something else"),
}
NOT_ANSWERED = {
    "emergency": N_("Select yes if someone is in danger or a crime is happening now"),
    "complaint": N_("Select yes if it is a complaint about a police officer or member of police staff"),
    "victim": N_("Select yes if you are a victim of crime"),
}
REFUSALS = (("just been taken", "taken"), ("is full", "full"), ("already have a booking", "already_booked"),
            ("has free slots", "free_again"))  # the scheduling service's 409s, by what they say
AREA_LIMIT, TOPIC_LIMIT = 80, 1000
API_FIELDS = {"name": ("name", "name"), "email": ("contact", "email"), "phone": ("contact", "phone"),
              "area": ("area", "area"), "topic": ("topic", "topic"), "topic_category": ("topic", "topic_category"),
              "slot_id": ("slot", "slot_id")}
API_MESSAGES = {"email": EMAIL_FORMAT, "phone": PHONE_FORMAT,
                "area": N_("Enter your town, ward or the first part of your postcode, like CW1"),
                "slot_id": N_("Select a time"), "name": ENTER_NAME,
                "topic": N_("Enter what you would like to raise"),
                "topic_category": N_("Select what you would like to talk about")}


@dataclass(frozen=True)
class Read:
    """A page's form read: the answers it gives, the values to show again, and each field's problem."""

    answers: dict[str, Any] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def questions(full: bool) -> tuple[str, ...]:
    """The questions in order: a full session has no time to choose (the resident joins its waiting list)."""
    return tuple(step for step in QUESTIONS if not (full and step == "slot"))


def is_question(step: str) -> bool:
    return step in QUESTIONS


def first_unanswered(answers: Mapping[str, Any], full: bool) -> str:
    """Where the resident should be: the 999 page after an emergency, the first question left, or the check."""
    if answers.get("emergency"):
        return "call-999"
    return next((step for step in questions(full) if not answered(step, answers)), "check")


def answered(step: str, answers: Mapping[str, Any]) -> bool:
    return all(key in answers for key in KEYS.get(step, (step,)))


def may_open(step: str, answers: Mapping[str, Any], full: bool) -> bool:
    """A question opens once those before it are answered (and never after an emergency)."""
    order = questions(full)
    if answers.get("emergency") or step not in order:
        return False
    return all(answered(earlier, answers) for earlier in order[:order.index(step)])


def next_page(step: str, answers: Mapping[str, Any], full: bool, changing: bool) -> str:
    """The page after ``step``: the 999 page, a route's guidance, the check (when changing) or the next question."""
    if answers.get("emergency"):
        return "call-999"
    if step in GUIDED and answers.get(step):
        return f"guidance/{GUIDED[step]}"
    return "check" if changing else after(step, full)


def after(step: str, full: bool) -> str:
    order = questions(full)
    position = order.index(step) + 1 if step in order else len(order)
    return order[position] if position < len(order) else "check"


def before(step: str, full: bool) -> str | None:
    """The question before ``step``; ``None`` for the first."""
    order = questions(full)
    position = order.index(step)
    return order[position - 1] if position else None


def still_free(answers: Mapping[str, Any], free_slots: Mapping[str, object]) -> dict[str, Any]:
    """The answers, without the chosen time if someone else has taken it since (it is asked again)."""
    if free_slots and answers.get("slot") not in free_slots:
        return {key: value for key, value in answers.items() if key != "slot"}
    return dict(answers)


def read_answer(step: str, form: Mapping[str, str], free_slots: Mapping[str, object]) -> Read:
    """The answer a question's page gives, or what is wrong with it."""
    if step in TRIAGE:
        return _yes_no(step, form.get("answer", ""))
    return READERS[step](form, free_slots)


def _yes_no(step: str, answer: str) -> Read:
    if answer not in {"yes", "no"}:
        return Read(errors={"answer": NOT_ANSWERED[step]})
    return Read(answers={step: answer == "yes"}, values={"answer": answer})


def _slot(form: Mapping[str, str], free_slots: Mapping[str, object]) -> Read:
    chosen = form.get("slot_id", "")
    if chosen not in free_slots:
        return Read(errors={"slot_id": N_("Select a time")})
    return Read(answers={"slot": chosen}, values={"slot_id": chosen})


def _name(form: Mapping[str, str], _: Mapping[str, object]) -> Read:
    name = tidy(form.get("name"))
    return _one("name", name, name_problem(name))


def _contact(form: Mapping[str, str], _: Mapping[str, object]) -> Read:
    email, phone = form.get("email", "").strip(), form.get("phone", "").strip()
    either = None if email or phone else N_("Enter an email address or a phone number, or both")
    errors = given({"email": email_problem(email, EMAIL_WITH_DOMAIN, longest=254) or either,
                    "phone": phone_problem(phone)})
    values = {"email": email, "phone": phone}
    return Read(values=values, errors=errors) if errors else Read(answers=values, values=values)


def _area(form: Mapping[str, str], _: Mapping[str, object]) -> Read:
    area = tidy(form.get("area"))
    problem = (N_("Enter only the first part of your postcode, like CW1, not the full postcode")
               if is_full_postcode(area) else
               N_("Where you live must be 80 characters or fewer") if len(area) > AREA_LIMIT else None)
    return _one("area", area, problem)


def _topic(form: Mapping[str, str], _: Mapping[str, object]) -> Read:
    category, topic = form.get("topic_category", ""), form.get("topic", "").strip()
    errors = {}
    if category not in CATEGORIES:
        errors["topic_category"] = API_MESSAGES["topic_category"]
    if not topic:
        errors["topic"] = API_MESSAGES["topic"]
    elif len(topic) > TOPIC_LIMIT:
        errors["topic"] = N_("What you would like to raise must be 1000 characters or fewer")
    values = {"topic_category": category, "topic": topic}
    return Read(values=values, errors=errors) if errors else Read(answers=values, values=values)


def _one(name: str, value: str, problem: str | None) -> Read:
    if problem:
        return Read(values={name: value}, errors={name: problem})
    return Read(answers={name: value}, values={name: value})


READERS = {"slot": _slot, "name": _name, "contact": _contact, "area": _area, "topic": _topic}


def shown_values(step: str, answers: Mapping[str, Any]) -> dict[str, str]:
    """What a question's page shows already filled in, from the answers given."""
    if step in TRIAGE:
        return {"answer": "yes" if answers[step] else "no"} if step in answers else {}
    if step == "slot":
        return {"slot_id": answers["slot"]} if "slot" in answers else {}
    if step == "contact":
        return {"email": answers.get("email", ""), "phone": answers.get("phone", "")}
    if step == "topic":
        return {"topic_category": answers.get("topic_category", ""), "topic": answers.get("topic", "")}
    return {step: answers.get(step, "")}


def booking_body(answers: Mapping[str, Any], full: bool) -> dict[str, Any]:
    """The scheduling service's booking (or, for a full session, waiting list) body."""
    if answers.get("emergency"):
        raise ValueError("an emergency books nothing")
    body = {"name": answers["name"], "email": answers.get("email") or None, "phone": answers.get("phone") or None,
            "area": answers.get("area") or None, "topic_category": answers["topic_category"],
            "topic": answers["topic"], "triage": {TRIAGE_FIELDS[step]: bool(answers[step]) for step in TRIAGE}}
    return body if full else body | {"slot_id": answers["slot"]}


def refusal(detail: object) -> str:
    """Why the service refused a booking (a 409): ``taken``, ``full``, ``already_booked``, ``free_again``, or
    ``closed`` (cancelled, or started)."""
    text = str(detail).lower()
    return next((reason for marker, reason in REFUSALS if marker in text), "closed")


def answer_problems(errors: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """The question to show again for the service's 422, and our message for each of its fields."""
    if "emergency" in errors:
        return "call-999", {}
    known = {name: API_FIELDS[name] for name in errors if name in API_FIELDS}
    if not known:
        return "check", {}
    step = min((where[0] for where in known.values()), key=QUESTIONS.index)
    return step, {field_: API_MESSAGES[name] for name, (page, field_) in known.items() if page == step}
