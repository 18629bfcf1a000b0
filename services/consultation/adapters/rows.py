"""Conversions between the domain's objects and their rows."""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import asyncpg

from peel.consultation.adapters.question_rows import question_from_json, text_from_json, text_to_json
from peel.consultation.domain.kinds import PlanSection
from peel.consultation.domain.lifecycle import ConsultationStatus
from peel.consultation.domain.model import Consultation, ConsultationKind
from peel.consultation.domain.precept import PreceptOption, PreceptProposal, ReferendumLimit
from peel.consultation.domain.questions import Question


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
        questions=_questions(row["id"], row["version"], row["questions"]),
        version=row["version"],
        requires_welsh=row["requires_welsh"],
        results_embargoed=row["results_embargoed"],
        closed_at=row["closed_at"],
        outcome=text_from_json(row["outcome"]) if row["outcome"] else None,
        precept=precept_from_json(row["precept"]) if row["precept"] else None,
        summary=text_from_json(row["summary"]) if row["summary"] else None,
        sections=tuple(section_from_json(section) for section in row["sections"]),
        updated_at=row["updated_at"],
    )


def section_to_json(section: PlanSection) -> dict[str, Any]:
    return {"key": section.key, "title": text_to_json(section.title), "summary": text_to_json(section.summary)}


def section_from_json(data: dict[str, Any]) -> PlanSection:
    return PlanSection(data["key"], text_from_json(data["title"]), text_from_json(data["summary"]))


_PARSED: OrderedDict[tuple[uuid.UUID, int], tuple[Question, ...]] = OrderedDict()
_PARSED_KEPT = 256


def _questions(consultation_id: uuid.UUID, version: int, data: list[dict[str, Any]]) -> tuple[Question, ...]:
    """Questions parsed once per consultation version (every change of them bumps the version)."""
    key = (consultation_id, version)
    if key not in _PARSED:
        _PARSED[key] = tuple(question_from_json(q) for q in data)
        if len(_PARSED) > _PARSED_KEPT:
            _PARSED.popitem(last=False)
    return _PARSED[key]


def precept_to_json(proposal: PreceptProposal) -> dict[str, Any]:
    return {
        "band_d_current": str(proposal.band_d_current),
        "options": [{"key": option.key, "change": str(option.change)} for option in proposal.options],
        "ratios": ratios_to_json(proposal.ratios),
        "referendum_limit": limit_to_json(proposal.referendum_limit),
    }


def precept_from_json(data: dict[str, Any]) -> PreceptProposal:
    return PreceptProposal(
        band_d_current=Decimal(data["band_d_current"]),
        options=tuple(PreceptOption(o["key"], Decimal(o["change"])) for o in data["options"]),
        ratios=ratios_from_json(data["ratios"]),
        referendum_limit=limit_from_json(data.get("referendum_limit")),
    )


def ratios_to_json(ratios: Mapping[str, Fraction]) -> dict[str, list[int]]:
    return {band: [ratio.numerator, ratio.denominator] for band, ratio in ratios.items()}


def ratios_from_json(data: dict[str, list[int]]) -> dict[str, Fraction]:
    return {band: Fraction(*ratio) for band, ratio in data.items()}


def limit_to_json(limit: ReferendumLimit | None) -> dict[str, str | None] | None:
    return {"pounds": _text(limit.pounds), "percent": _text(limit.percent)} if limit else None


def limit_from_json(data: dict[str, str | None] | None) -> ReferendumLimit | None:
    return ReferendumLimit(pounds=_decimal(data["pounds"]), percent=_decimal(data["percent"])) if data else None


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)
