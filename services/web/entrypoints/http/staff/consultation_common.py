"""What the consultation builder's pages share: who may do what, reading the consultation's id, and the draft's
links for its templates."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from peel.web.domain.staff.consultation_questions import kind_keys, written
from peel.web.entrypoints.http.staff.context import EDITORS, EVERYONE, Staff, staff_page
from peel.web.entrypoints.http.staff.results_shared import consultation_id_of
from peel.web.service_layer.ports import NotFoundThere
from peel.web.service_layer.staff import consultation_builder as builder

router = APIRouter(tags=["staff: consultation builder"])
"""The builder's routes, from its three modules, as one router (the staff pages include it once)."""
SECTION = "consultations"
EDITOR = staff_page(*EDITORS, section=SECTION)
READER = staff_page(*EVERYONE, section=SECTION)


async def the_consultation(staff: Staff, consultation_id: str) -> dict[str, Any]:
    return await builder.consultation(staff.apis.consultation, consultation_id_of(consultation_id))


def links(staff: Staff, consultation: dict[str, Any]) -> dict[str, Any]:
    """What each builder template gets: the consultation, its address, and whether it can still be built."""
    return {"consultation": consultation, "here": staff.page.href("consultations", consultation["id"]),
            "editable": consultation["status"] == "draft" and staff.page.may(*EDITORS),
            "own": kind_keys(consultation)}


def question_of(consultation: dict[str, Any], key: str) -> dict[str, Any]:
    """A question staff wrote (a kind's own questions follow their sections or precept: no page changes them)."""
    for question in written(consultation):
        if question["key"] == key:
            return question
    raise NotFoundThere(key)
