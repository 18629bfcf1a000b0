"""A selection run's progress page: it reloads itself (no script needed) while the run is under way, and
once done shows the chance each group of registrants had, as a chart with its table, and the panel against the
quotas."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import Response

from peel.web.adapters.translations import translations
from peel.web.domain.staff import assemblies as rules
from peel.web.domain.staff.charts import BarChart, bar_chart
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff.assembly_common import Reader, organises
from peel.web.entrypoints.http.staff.context import Staff
from peel.web.service_layer.staff import assemblies

router = APIRouter()
REFRESH_SECONDS = 3


@router.get("/staff/assemblies/{assembly_id}/selections/{run_id}",
            summary="A selection run: its progress, then the chances of selection and the panel")
async def selection_run(assembly_id: uuid.UUID, run_id: uuid.UUID, staff: Reader, reload: str = "") -> Response:
    assembly = await assemblies.assembly(staff.apis, str(assembly_id))
    run = await assemblies.selection_run(staff.apis, str(assembly_id), str(run_id))
    if rules.under_way(run):
        return _under_way(staff, assembly, run, reloading=reload != "off")
    if run.get("status") != "done":
        return _page(staff, assembly, run)
    organiser = organises(staff)
    pool = await assemblies.registrants(staff.apis, str(assembly_id)) if organiser else None
    chances = await assemblies.published_chances(staff.apis, str(assembly_id), run)
    groups = rules.chance_groups(chances or {}, pool)
    members = rules.selected_members(run.get("selected") or [], pool or [])
    composition = None if organiser else await assemblies.composition(staff.apis, str(assembly_id))
    return _page(staff, assembly, run, groups=groups, chart=_chart(staff, groups), chances_known=chances is not None,
                 quotas=rules.panel_against_quotas(assembly["quotas"], members if organiser else None, composition),
                 members=members)


def _chart(staff: Staff, groups: list[rules.ChanceGroup]) -> BarChart:
    title = translations(staff.page.lang).gettext(N_("Chance of being selected"))
    return bar_chart(title, [(group.label, group.chance, rules.percent(group.chance)) for group in groups], top=1.0)


def _under_way(staff: Staff, assembly: dict, run: dict, *, reloading: bool) -> Response:
    """The progress page, reloaded by the browser itself (the ``Refresh`` header: no script, and nothing in the page
    for a screen reader to stumble on) until the user turns that off with the page's own link."""
    response = _page(staff, assembly, run, reloading=reloading)
    if reloading:
        response.headers["Refresh"] = str(REFRESH_SECONDS)
    return response


def _page(staff: Staff, assembly: dict, run: dict, **context: object) -> Response:
    return staff.render("staff/assemblies/run.html", assembly=assembly, run=run,
                        back=staff.page.href("assemblies", assembly["id"]), **context)
