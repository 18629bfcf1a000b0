"""A precept or draft Plan consultation summarised for the Police and Crime Panel, for staff of its tenant."""

from __future__ import annotations

import uuid

from peel.reporting.adapters.panel_summary import PanelSummaryReader
from peel.reporting.domain.breakdown import Dimension, shown_groups
from peel.reporting.domain.consultation_results import Consultation
from peel.reporting.domain.panel_summary import PRECEPT, PanelSummary, check_summarised, panel_summary
from peel.reporting.domain.plan_summary import PlanSummary, plan_sections, plan_summary
from peel.reporting.domain.precept_summary import PreceptSummary, precept_question, precept_summary
from peel.reporting.service_layer.consultation_results import visible_consultation
from peel.reporting.service_layer.weighting import weighted_if_figures

Areas = list[tuple[str, float | None]]


async def consultation_panel_summary(reader: PanelSummaryReader, tenant: str,
                                     consultation_id: uuid.UUID) -> PanelSummary:
    """Not found unless the tenant's; refused while embargoed, or for another kind of consultation."""
    consultation = await visible_consultation(reader, tenant, consultation_id)
    check_summarised(consultation)
    responses = await reader.responses(tenant, consultation_id)
    areas = shown_groups(Dimension.AREA, consultation, await reader.group_sizes(tenant, consultation_id,
                                                                                 Dimension.AREA))
    if consultation.kind == PRECEPT:
        return panel_summary(consultation, responses, precept=await _precept(reader, tenant, consultation, areas))
    return panel_summary(consultation, responses, plan=await _plan(reader, tenant, consultation, areas))


async def _precept(reader: PanelSummaryReader, tenant: str, consultation: Consultation,
                   areas: Areas) -> PreceptSummary:
    found, question = consultation.consultation_id, precept_question(consultation)
    assert question is not None
    by_area = await reader.group_tallies(tenant, found, Dimension.AREA, [question.key])
    return precept_summary(consultation, await reader.tally(tenant, found),
                           await weighted_if_figures(reader, tenant, consultation), areas, by_area)


async def _plan(reader: PanelSummaryReader, tenant: str, consultation: Consultation, areas: Areas) -> PlanSummary:
    found, sections = consultation.consultation_id, plan_sections(consultation.questions)
    asked = [s.support.key for s in sections] + [s.comment for s in sections if s.comment]
    by_area = await reader.group_tallies(tenant, found, Dimension.AREA, asked)
    return plan_summary(consultation, await reader.tally(tenant, found), areas, by_area,
                        await reader.approved_comments(tenant, found))
