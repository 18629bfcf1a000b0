"""The staff assembly pages: the office's assemblies, setting one up with its quotas, its overview (the pool against
the quotas, invitations, the members), and running the selection with its progress page.

Organisers (admins and engagement officers) act; every other role reads. Registrants' names and contact details are
shown to organisers only, as the scheduling service answers them to no one else."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import Response

from peel.web.domain.staff import assemblies as rules
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff import (
    assembly_care_routes,
    assembly_outcome_routes,
    assembly_run_routes,
    assembly_work_routes,
)
from peel.web.entrypoints.http.staff.assembly_common import Organiser, Reader, organises, said
from peel.web.entrypoints.http.staff.context import Staff
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers
from peel.web.service_layer.staff import assemblies

router = APIRouter(tags=["staff: assembly"])
# The other assembly modules' routes join this router as its own (not as nested routers), so every route is listed
# where the app's route listing looks.
router.routes.extend(route for module in (assembly_run_routes, assembly_work_routes, assembly_care_routes,
                                           assembly_outcome_routes) for route in module.router.routes)

# The service's field (the last part of its location) -> the set-up form's field and what to say there.
SERVICE_FIELDS = {
    "en": ("title_en", N_("Enter the assembly's title")),
    "areas": ("areas", N_("Enter the areas' ids, separated by commas, such as crewe, chester")),
    "panel_size": ("panel_size", N_("Enter the panel size as a number, such as 40")),
    "quotas": ("quotas", N_("Enter one quota a line as feature, value, minimum, maximum, such as Sex, Female, 3, 4")),
    "registration_closes_at": ("registration_closes_on", N_("Enter a date as year-month-day, such as 2027-03-01")),
    "replacement_deadline": ("replacement_deadline", N_("Enter a date as year-month-day, such as 2027-03-01")),
    "honorarium_per_meeting_pence": ("honorarium", N_("Enter the payment per meeting in pounds, such as 50 or "
                                                      "37.50")),
}
QUOTA_PARTS = frozenset({"feature", "value", "min", "max", "min_flex", "max_flex"})


@router.get("/staff/assemblies", summary="The office's citizens' assemblies")
async def assembly_list(staff: Reader) -> Response:
    return staff.render("staff/assemblies/list.html", assemblies=await assemblies.assemblies_of_office(staff.apis))


@router.get("/staff/assemblies/new", summary="Set up an assembly: its remit, panel size and quotas")
async def new_assembly(staff: Organiser) -> Response:
    return _set_up_form(staff, {}, {})


@router.post("/staff/assemblies/new", summary="Set up the assembly")
async def create_assembly(staff: Organiser, form: Form) -> Response:
    answers = fields(form)
    read = rules.read_set_up(answers)
    if read.errors:
        return _set_up_form(staff, answers, read.errors)
    try:
        created = await assemblies.set_up(staff.apis, read.body)
    except InvalidAnswers as refused:
        return _set_up_form(staff, answers, _service_errors(refused))
    return staff.redirect("assemblies", created["id"], done="created")


def _service_errors(refused: InvalidAnswers) -> dict[str, str]:
    """The service's refusal as the form's own fields; anything else is the 422 page's to show."""
    found = {}
    for where in refused.errors:
        key = "quotas" if where in QUOTA_PARTS else where
        if key not in SERVICE_FIELDS:
            raise refused
        field_id, message = SERVICE_FIELDS[key]
        found[field_id] = message
    return found


def _set_up_form(staff: Staff, answers: dict[str, str], errors: dict[str, str]) -> Response:
    return staff.render("staff/assemblies/new.html", status_code=422 if errors else 200, answers=answers,
                        errors=staff.error_summary(errors) if errors else None, field_errors=errors,
                        back=staff.page.href("assemblies"))


DONE = {"created": N_("The assembly is set up. Invite households next.")}


@router.get("/staff/assemblies/{assembly_id}", summary="An assembly: the pool against the quotas, invitations, "
            "the selection and the members")
async def assembly_overview(assembly_id: uuid.UUID, staff: Reader, done: str = "") -> Response:
    found = await assemblies.overview(staff.apis, str(assembly_id), organiser=organises(staff))
    return _overview(staff, found, done=said(staff, DONE.get(done)))


def _overview(staff: Staff, found: assemblies.Overview, *, status_code: int = 200, **context: object) -> Response:
    assembly = found.assembly
    members = rules.selected_members(assembly["selected"], found.registrants or [])
    return staff.render("staff/assemblies/assembly.html", status_code=status_code, assembly=assembly,
                        composition=found.composition, registrants=found.registrants, members=members,
                        quotas=rules.quota_rows(assembly["quotas"], found.composition),
                        runs=(found.composition or {}).get("runs", []), algorithms=rules.ALGORITHMS,
                        back=staff.page.href("assemblies"), field_errors=context.pop("field_errors", {}),
                        answers=context.pop("answers", {}), **context)


async def _refuse_on_overview(staff: Staff, assembly_id: uuid.UUID, answers: dict[str, str],
                              errors: dict[str, str]) -> Response:
    found = await assemblies.overview(staff.apis, str(assembly_id), organiser=True)
    return _overview(staff, found, status_code=422, errors=staff.error_summary(errors), field_errors=errors,
                     answers=answers)


@router.post("/staff/assemblies/{assembly_id}/invitations", summary="Codes for invitation letters, one per household")
async def invite(assembly_id: uuid.UUID, staff: Organiser, form: Form) -> Response:
    """The codes are shown once, on the page this form answers with: the service keeps no list of them to read."""
    answers = fields(form)
    count = rules.read_count(answers.get("households", ""))
    if count is None:
        message = N_("Enter how many households to invite, from 1 to 20,000")
        return await _refuse_on_overview(staff, assembly_id, answers, {"households": message})
    codes = await assemblies.invite(staff.apis, str(assembly_id), count)
    assembly = await assemblies.assembly(staff.apis, str(assembly_id))
    return staff.render("staff/assemblies/invitations.html", assembly=assembly, codes=codes,
                        back=staff.page.href("assemblies", assembly_id))


@router.post("/staff/assemblies/{assembly_id}/selections", summary="Run the selection from the registrants")
async def select(assembly_id: uuid.UUID, staff: Organiser, form: Form) -> Response:
    answers = fields(form)
    algorithm = answers.get("algorithm", "")
    seed, seed_read = rules.read_seed(answers.get("seed", ""))
    errors = {}
    if algorithm not in rules.ALGORITHMS:
        errors["algorithm"] = N_("Select how to select the members")
    if not seed_read:
        errors["seed"] = N_("Enter the seed as a whole number, or leave it empty for a new one")
    if errors:
        return await _refuse_on_overview(staff, assembly_id, answers, errors)
    run = await assemblies.start_selection(staff.apis, str(assembly_id), algorithm, seed)
    return staff.redirect("assemblies", assembly_id, "selections", run["id"])


@router.post("/staff/assemblies/{assembly_id}/replacements", summary="Replace members who dropped out")
async def replace(assembly_id: uuid.UUID, staff: Organiser, form: Form) -> Response:
    dropouts = [value for value in form.getlist("dropouts") if isinstance(value, str) and value]
    if not dropouts:
        message = N_("Select the members who dropped out")
        return await _refuse_on_overview(staff, assembly_id, fields(form), {"dropouts": message})
    run = await assemblies.start_replacement(staff.apis, str(assembly_id), dropouts, "leximin")
    return staff.redirect("assemblies", assembly_id, "selections", run["id"])
