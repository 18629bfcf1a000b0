"""A draft's questions: add one of any type, edit, reorder and remove them, and route them (show a question only
after an earlier answer). Each save sends the draft's whole new list of questions to the consultation service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends
from fastapi.responses import Response
from starlette.datastructures import FormData

from peel.web.domain.staff import consultation_question_form as question_form
from peel.web.domain.staff import consultation_questions as rules
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff.consultation_common import (
    EDITOR,
    READER,
    links,
    question_of,
    router,
    the_consultation,
)
from peel.web.entrypoints.http.staff.context import Staff
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers, NotFoundThere
from peel.web.service_layer.staff import consultation_builder as builder

Editor = Annotated[Staff, Depends(EDITOR)]
Reader = Annotated[Staff, Depends(READER)]
REFUSED = N_("Check this question: the consultation service refused it")
PLACE = "/staff/consultations/{consultation_id}/questions"


@router.get(PLACE)
async def questions(staff: Reader, consultation_id: str, saved: str = "") -> Response:
    consultation = await the_consultation(staff, consultation_id)
    here = links(staff, consultation)
    return staff.render("staff/consultations/questions.html", **here, types=rules.TYPES, saved=saved,
                        back=here["here"])


@router.get(PLACE + "/new")
async def new_question(staff: Editor, consultation_id: str, type: str = "") -> Response:
    consultation = await the_consultation(staff, consultation_id)
    if type not in rules.TYPES:
        problems = {"type": N_("Choose the type of question")} if type else {}
        return staff.render("staff/consultations/question_type.html", status_code=422 if type else 200,
                            **links(staff, consultation), types=rules.TYPES, field_errors=problems,
                            errors=staff.error_summary(problems), back=_list(staff, consultation))
    return _question_form(staff, consultation, None, type, {"required": "yes", "scale-min": "1", "scale-max": "5"})


@router.post(PLACE + "/new")
async def add_question(staff: Editor, consultation_id: str, form: Form) -> Response:
    consultation = await the_consultation(staff, consultation_id)
    kind = str(form.get("type") or "")
    if kind not in rules.TYPES:
        raise NotFoundThere(kind)
    return await _save(staff, consultation, None, kind, _answers(form))


@router.get(PLACE + "/{key}")
async def edit_question(staff: Editor, consultation_id: str, key: str) -> Response:
    consultation = await the_consultation(staff, consultation_id)
    question = question_of(consultation, key)
    return _question_form(staff, consultation, question, question["type"], question_form.question_form(question))


@router.post(PLACE + "/{key}")
async def save_question(staff: Editor, consultation_id: str, key: str, form: Form) -> Response:
    consultation = await the_consultation(staff, consultation_id)
    question = question_of(consultation, key)
    return await _save(staff, consultation, question, question["type"], _answers(form))


def _answers(form: FormData) -> dict[str, str]:
    ticked = {name: str(form.get(name) or "") for name in ("required", "integer-only")}
    return fields(form) | ticked


async def _save(staff: Staff, consultation: dict[str, Any], before: dict[str, Any] | None, kind: str,
                answers: dict[str, str]) -> Response:
    taken = {q["key"] for q in consultation["questions"]} | {"new"}
    body, problems = question_form.read_question(answers, kind, before, taken)
    if not problems:
        try:
            await builder.save_questions(staff.apis.consultation, consultation["id"],
                                         rules.replaced(rules.written(consultation), body))
        except InvalidAnswers:
            problems = {"text-en": REFUSED}
        else:
            return staff.redirect("consultations", consultation["id"], "questions", saved=body["key"])
    return _question_form(staff, consultation, before, kind, answers, problems)


def _question_form(staff: Staff, consultation: dict[str, Any], question: dict[str, Any] | None, kind: str,
                   answers: dict[str, str], problems: dict[str, str] | None = None) -> Response:
    return staff.render("staff/consultations/question.html", status_code=422 if problems else 200,
                        **links(staff, consultation), question=question, type=kind, types=rules.TYPES, form=answers,
                        rows=question_form.budget_rows(question), field_errors=problems or {},
                        errors=staff.error_summary(problems or {}), back=_list(staff, consultation))


def _list(staff: Staff, consultation: dict[str, Any]) -> str:
    return staff.page.href("consultations", consultation["id"], "questions")


@router.post(PLACE + "/{key}/move")
async def move_question(staff: Editor, consultation_id: str, key: str, form: Form) -> Response:
    consultation = await the_consultation(staff, consultation_id)
    question_of(consultation, key)
    order = rules.moved(rules.written(consultation), key, -1 if form.get("direction") == "up" else 1)
    problem = rules.routing_problem(order, rules.kind_keys(consultation))
    if problem:
        here = links(staff, consultation)
        return staff.render("staff/consultations/questions.html", status_code=422, **here, types=rules.TYPES,
                            saved="", errors=staff.error_summary({f"move-{key}": problem}), back=here["here"])
    await builder.save_questions(staff.apis.consultation, consultation["id"], order)
    return staff.redirect("consultations", consultation["id"], "questions")


@router.get(PLACE + "/{key}/delete")
async def confirm_delete(staff: Editor, consultation_id: str, key: str) -> Response:
    consultation = await the_consultation(staff, consultation_id)
    return _delete_page(staff, consultation, question_of(consultation, key))


@router.post(PLACE + "/{key}/delete")
async def delete_question(staff: Editor, consultation_id: str, key: str, form: Form) -> Response:
    consultation = await the_consultation(staff, consultation_id)
    question = question_of(consultation, key)
    order, problem = rules.removed(rules.written(consultation), key)
    if problem:
        return _delete_page(staff, consultation, question, problem)
    await builder.save_questions(staff.apis.consultation, consultation["id"], order)
    return staff.redirect("consultations", consultation["id"], "questions", removed="1")


def _delete_page(staff: Staff, consultation: dict[str, Any], question: dict[str, Any],
                 problem: str | None = None) -> Response:
    problems = {"delete": problem} if problem else {}
    return staff.render("staff/consultations/delete_question.html", status_code=422 if problem else 200,
                        **links(staff, consultation), question=question, errors=staff.error_summary(problems),
                        back=_list(staff, consultation))


@router.get("/staff/consultations/{consultation_id}/routing")
async def routing(staff: Reader, consultation_id: str) -> Response:
    """Which questions are shown only after an earlier answer, and the change links for each."""
    consultation = await the_consultation(staff, consultation_id)
    here = links(staff, consultation)
    return staff.render("staff/consultations/routing.html", **here, back=here["here"])


@router.get(PLACE + "/{key}/routing")
async def question_routing(staff: Editor, consultation_id: str, key: str) -> Response:
    consultation = await the_consultation(staff, consultation_id)
    return _routing_form(staff, consultation, question_of(consultation, key))


@router.post(PLACE + "/{key}/routing")
async def save_routing(staff: Editor, consultation_id: str, key: str, form: Form) -> Response:
    consultation = await the_consultation(staff, consultation_id)
    question = question_of(consultation, key)
    order, problem = rules.with_routing(consultation["questions"], key, str(form.get("show") or ""),
                                        rules.kind_keys(consultation))
    if problem:
        return _routing_form(staff, consultation, question, problem)
    await builder.save_questions(staff.apis.consultation, consultation["id"], order)
    return staff.redirect("consultations", consultation["id"], "routing")


def _routing_form(staff: Staff, consultation: dict[str, Any], question: dict[str, Any],
                  problem: str | None = None) -> Response:
    problems = {"show": problem} if problem else {}
    rule = question.get("show_if") or {}
    chosen = f"{rule['question']}:{rule['equals']}" if rule else "always"
    return staff.render("staff/consultations/question_routing.html", status_code=422 if problem else 200,
                        **links(staff, consultation), question=question, chosen=chosen,
                        choices=rules.routing_choices(consultation["questions"], question["key"]),
                        field_errors=problems, errors=staff.error_summary(problems),
                        back=staff.page.href("consultations", consultation["id"], "routing"))
