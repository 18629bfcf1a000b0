"""The staff consultation results pages: the results with their charts, weighted beside unweighted and split by
channel; a breakdown by area or equality band; publishing the results; the CSV downloads. The pages after the
results (moderation, the outcome, the poster, assisted entry) are in the ``results_*`` modules, included here."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from peel.web.adapters.translations import translations
from peel.web.domain.staff.consultation_results import (
    DIMENSION_NAMES,
    DIMENSIONS,
    chosen_channel,
    chosen_dimension,
    group_chart,
    results_view,
)
from peel.web.domain.staff.identity import StaffRole
from peel.web.domain.staff.messages import N_
from peel.web.domain.staff.result_charts import grouped_tables, weighted_questions
from peel.web.entrypoints.http.staff import results_entry_routes, results_moderation_routes, results_outcome_routes
from peel.web.entrypoints.http.staff.context import ANALYSTS, EDITORS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form
from peel.web.entrypoints.http.staff.results_shared import consultation_id_of
from peel.web.service_layer.ports import Refused
from peel.web.service_layer.staff import consultation_results as use

router = APIRouter(tags=["staff: consultation results"])
for _part in (results_moderation_routes, results_outcome_routes, results_entry_routes):
    router.routes.extend(_part.router.routes)  # in this router itself, so the staff pages' router lists each

READERS = (*ANALYSTS, StaffRole.VIEWER)
Reader = Annotated[Staff, Depends(staff_page(*READERS, section="consultations"))]
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="consultations"))]
Analyst = Annotated[Staff, Depends(staff_page(*ANALYSTS, section="consultations"))]
Channel = Annotated[str | None, Query(max_length=20)]
By = Annotated[str | None, Query(max_length=20)]
RESULTS = "staff/consultation_results/results.html"


@router.get("/staff/consultations/{consultation_id}/results")
async def results_page(consultation_id: str, staff: Reader, channel: Channel = None,
                       published: str | None = None) -> Response:
    """The results, weighted beside unweighted; each channel's count, and one channel's results alone if asked."""
    consultation_id, chosen = consultation_id_of(consultation_id), chosen_channel(channel)
    try:
        found = await use.results_and_weighting(staff.apis, consultation_id, chosen)
    except Refused as refusal:
        return _not_now(staff, consultation_id, refusal)
    view = results_view(found.results, staff.page.lang, chosen)
    weighted = weighted_questions(found.results, found.weighted, staff.page.lang) if found.weighted else ()
    done = translations(staff.page.lang).gettext(N_("The results are published")) if published else None
    return staff.render(RESULTS, consultation_id=consultation_id, results=found.results, view=view,
                        weighted=found.weighted, weighted_questions=weighted, not_weighted=found.not_weighted,
                        dimensions=DIMENSIONS, dimension_names=DIMENSION_NAMES, done=done,
                        back=staff.page.href("consultations", consultation_id))


def _not_now(staff: Staff, consultation_id: str, refusal: Refused) -> Response:
    """Embargoed until it closes (409), or not for this role (403): the page says which, with nothing else."""
    detail = refusal.detail if isinstance(refusal.detail, str) else ""
    return staff.render("staff/consultation_results/not_now.html", status_code=refusal.status,
                        consultation_id=consultation_id, refused=refusal.status == 403, detail=detail,
                        back=staff.page.href("consultations", consultation_id))


@router.get("/staff/consultations/{consultation_id}/results/breakdown")
async def breakdown_page(consultation_id: str, staff: Reader, by: By = None) -> Response:
    """The results by area or an equality band; groups too small to show are marked suppressed, never counted."""
    consultation_id, dimension = consultation_id_of(consultation_id), chosen_dimension(by)
    try:
        found = await use.breakdown(staff.apis, consultation_id, dimension)
    except Refused as refusal:
        return _not_now(staff, consultation_id, refusal)
    translate, groups = translations(staff.page.lang).gettext, found.get("groups", [])
    chart = group_chart(translate(N_("Responses in each group")), groups, translate(N_("Suppressed")), translate)
    return staff.render("staff/consultation_results/breakdown.html", consultation_id=consultation_id,
                        by=dimension, dimensions=DIMENSIONS, dimension_names=DIMENSION_NAMES, breakdown=found,
                        chart=chart,
                        tables=grouped_tables(groups, staff.page.lang, translate),
                        back=staff.page.href("consultations", consultation_id, "results"))


@router.post("/staff/consultations/{consultation_id}/results/publish")
async def publish_results(consultation_id: str, staff: Editor,
                          form: Form) -> Response:
    """Publishes the results of a closed consultation (the service refuses it before closing, saying why)."""
    await use.publish_results(staff.apis, consultation_id_of(consultation_id))
    return staff.redirect("consultations", consultation_id, "results", published="1")


def _csv(body: bytes, filename: str) -> Response:
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@router.get("/staff/consultations/{consultation_id}/results.csv")
async def results_csv(consultation_id: str, staff: Analyst, channel: Channel = None) -> Response:
    body, filename = await use.download(staff.apis, consultation_id_of(consultation_id), "results",
                                        channel=chosen_channel(channel) or "")
    return _csv(body, filename)


@router.get("/staff/consultations/{consultation_id}/downloads/breakdown.csv")
async def breakdown_csv(consultation_id: str, staff: Analyst, by: By = None) -> Response:
    body, filename = await use.download(staff.apis, consultation_id_of(consultation_id), "breakdown",
                                        by=chosen_dimension(by))
    return _csv(body, filename)


@router.get("/staff/consultations/{consultation_id}/downloads/panel-summary.csv")
async def panel_summary_csv(consultation_id: str, staff: Analyst) -> Response:
    body, filename = await use.download(staff.apis, consultation_id_of(consultation_id), "panel-summary")
    return _csv(body, filename)
