"""Figures on public questions to the Police and Crime Panel, for staff of the tenant."""

from __future__ import annotations

import uuid
from datetime import date

from peel.common.errors import NotFound
from peel.reporting.adapters.panel_questions import PanelReader
from peel.reporting.domain.panel_questions import PanelFigures, PanelReport, figures, report


async def panel_report(reader: PanelReader, tenant: str, today: date) -> PanelReport:
    return report(await reader.panel_questions(tenant), today)


async def meeting_figures(reader: PanelReader, tenant: str, meeting_id: uuid.UUID, today: date) -> PanelFigures:
    """One meeting's figures; not found when the tenant has no question for it."""
    questions = await reader.panel_questions(tenant, meeting_id)
    if not questions:
        raise NotFound(f"no Panel questions for meeting {meeting_id}")
    return figures(questions, today, meeting_id)
