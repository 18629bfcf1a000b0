"""A summary of a precept or draft Plan consultation that an office can put before the Police and
Crime Panel; areas with fewer than ten responses are suppressed as in every breakdown."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from peel.common.errors import Conflict
from peel.reporting.domain.breakdown import RULE
from peel.reporting.domain.consultation_results import Consultation
from peel.reporting.domain.documented import DOCUMENTED
from peel.reporting.domain.plan_summary import PlanSummary, plan_sections
from peel.reporting.domain.precept_summary import PreceptSummary, precept_question
from peel.reporting.domain.summaries import Count, Text

PRECEPT, DRAFT_PLAN = "precept", "draft_plan"


@dataclass(frozen=True, slots=True)
class PanelSummary:
    __pydantic_config__ = DOCUMENTED
    consultation_id: uuid.UUID
    title: Text
    kind: str
    responses: Count
    results_embargoed: bool
    closed_at: datetime | None
    rule: str
    """how areas with few responses are suppressed"""
    precept: PreceptSummary | None = None
    """for a precept consultation"""
    plan: PlanSummary | None = None
    """for a draft Plan, section by section"""


def check_summarised(consultation: Consultation) -> None:
    """Refused unless the consultation is a precept (with its question) or a draft Plan (with sections)."""
    if consultation.kind not in (PRECEPT, DRAFT_PLAN):
        raise Conflict(f"a Panel summary is made of a precept or draft_plan consultation; "
                       f"this one is a {consultation.kind}")
    if consultation.kind == PRECEPT and precept_question(consultation) is None:
        raise Conflict("this precept consultation has no precept question")
    if consultation.kind == DRAFT_PLAN and not plan_sections(consultation.questions):
        raise Conflict("this draft Plan has no sections")


def panel_summary(consultation: Consultation, responses: float, *, precept: PreceptSummary | None = None,
                  plan: PlanSummary | None = None) -> PanelSummary:
    return PanelSummary(
        consultation_id=consultation.consultation_id, title=consultation.title, kind=consultation.kind,
        responses=responses, results_embargoed=consultation.results_embargoed, closed_at=consultation.closed_at,
        rule=RULE, precept=precept, plan=plan,
    )
