"""Conversions between the domain's objects and their rows."""

from __future__ import annotations

import asyncpg

from peel.consultation.adapters.question_rows import question_from_json, text_from_json
from peel.consultation.domain.lifecycle import ConsultationStatus
from peel.consultation.domain.model import Consultation, ConsultationKind


def consultation_from_row(row: asyncpg.Record) -> Consultation:
    return Consultation(
        id=row["id"],
        tenant=row["tenant"],
        title=text_from_json(row["title"]),
        kind=ConsultationKind(row["kind"]),
        status=ConsultationStatus(row["status"]),
        closes_at=row["closes_at"],
        opens_at=row["opens_at"],
        created_at=row["created_at"],
        questions=tuple(question_from_json(q) for q in row["questions"]),
        version=row["version"],
        requires_welsh=row["requires_welsh"],
        results_embargoed=row["results_embargoed"],
        closed_at=row["closed_at"],
        outcome=text_from_json(row["outcome"]) if row["outcome"] else None,
    )
