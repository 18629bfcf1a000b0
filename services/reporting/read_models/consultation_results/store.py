"""The consultation results read model's store: what its projection writes, and what its reports read."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peel.common.contracts.consultation import ONLINE, PlanSectionSpec, PreceptProposalSpec, QuestionSpec
from peel.reporting.domain.answers import AnswerRow, FreeText
from peel.reporting.domain.breakdown import NOT_GIVEN, Dimension
from peel.reporting.domain.consultation_results import Consultation, Outcome, Tally
from peel.reporting.domain.corrections import corrected
from peel.reporting.domain.populations import DIMENSIONS
from peel.reporting.domain.summaries import TextAnswers
from peel.reporting.domain.weighting import Cell
from peel.reporting.read_models._population import Population, population
from peel.reporting.read_models._store import Store, columns
from peel.reporting.read_models.consultation_results import sql


@dataclass(frozen=True, slots=True)
class NewResponse:
    response_id: uuid.UUID
    consultation_id: uuid.UUID
    tenant: str
    area: str
    bands: tuple[str | None, str | None, str | None, str | None]  # age band, sex, ethnicity, disability
    submitted_at: datetime
    answers: Sequence[AnswerRow]
    free_texts: Sequence[FreeText]
    channel: str = ONLINE


@dataclass(frozen=True, slots=True)
class Erasure:
    response_id: uuid.UUID
    consultation_id: uuid.UUID
    erased_at: datetime


@dataclass(frozen=True, slots=True)
class Correction:
    """The whole new text of one place of a consultation, as of its ``version``."""

    consultation_id: uuid.UUID
    tenant: str
    field: str
    version: int
    text: dict[str, str]
    corrected_at: datetime


@dataclass(frozen=True, slots=True)
class Decision:
    response_id: uuid.UUID
    question: str
    decision: str
    moderated_at: datetime


class ConsultationStore(Store):
    async def save_consultation(self, tenant: str, data: dict[str, Any], published_at: datetime) -> None:
        await self._execute(
            sql.UPSERT_CONSULTATION, uuid.UUID(data["consultation_id"]), tenant, data["title"], data["kind"],
            data["questions"], list(data.get("areas", ())), datetime.fromisoformat(data["opens_at"]),
            datetime.fromisoformat(data["closes_at"]), data.get("results_embargoed", False), published_at,
            data.get("precept"), data.get("sections", []),
        )

    async def correct(self, corrections: Sequence[Correction]) -> None:
        await self._rows(sql.CORRECT, [(c.consultation_id, c.tenant, c.field, c.version, json.dumps(c.text),
                                        c.corrected_at) for c in corrections])
        await self.touch({c.consultation_id for c in corrections})

    async def extend(self, consultation_id: uuid.UUID, closes_at: datetime, extended_at: datetime) -> None:
        await self._execute(sql.EXTEND, consultation_id, closes_at, extended_at)
        await self.touch({consultation_id})

    async def close(self, consultation_id: uuid.UUID, closed_at: datetime) -> None:
        await self._execute(sql.CLOSE, consultation_id, closed_at)
        await self.touch({consultation_id})

    async def results_published(self, consultation_id: uuid.UUID, published_at: datetime) -> None:
        await self._execute(sql.RESULTS_PUBLISHED, consultation_id, published_at)
        await self.touch({consultation_id})

    async def outcome_published(self, consultation_id: uuid.UUID, outcome: dict[str, str],
                                published_at: datetime) -> None:
        await self._execute(sql.OUTCOME_PUBLISHED, consultation_id, outcome, published_at)
        await self.touch({consultation_id})

    async def add_responses(self, responses: Sequence[NewResponse]) -> None:
        """Store responses not seen before and not erased, with their answers."""
        fresh = {row["response_id"] for row in
                 await self._fetch(sql.ADD_RESPONSES, *columns([_response_row(r) for r in responses]))}
        kept = [response for response in responses if response.response_id in fresh]
        await self._rows(sql.ADD_ANSWERS, [(r.response_id, r.consultation_id, a.question, a.item, a.value)
                                           for r in kept for a in r.answers])
        await self._rows(sql.ADD_FREE_TEXTS, [(r.response_id, r.consultation_id, t.question, r.submitted_at,
                                               t.publishable, t.text) for r in kept for t in r.free_texts])
        await self.touch({r.consultation_id for r in kept})

    async def erase(self, erasures: Sequence[Erasure]) -> None:
        await self._rows(sql.ERASE, [(e.response_id, e.consultation_id, e.erased_at) for e in erasures])
        await self.touch({e.consultation_id for e in erasures})

    async def moderate(self, decisions: Sequence[Decision]) -> None:
        await self._rows(sql.MODERATE, [(d.response_id, d.question, d.decision, d.moderated_at) for d in decisions])
        if decisions:
            await self._execute(sql.TOUCH_RESPONSES, list({d.response_id for d in decisions}))

    async def touch(self, consultation_ids: set[uuid.UUID]) -> None:
        """A new change stamp for each consultation, in the transaction of the write that changed it."""
        if consultation_ids:
            await self._execute(sql.TOUCH, sorted(consultation_ids))

    async def changes(self, consultation_id: uuid.UUID) -> int:
        """The consultation's change stamp: the same for as long as nothing its results count has changed."""
        return await self._fetchval(sql.CHANGES, consultation_id)

    async def consultation(self, tenant: str, consultation_id: uuid.UUID) -> Consultation | None:
        row = await self._fetchrow(sql.CONSULTATION, consultation_id, tenant)
        return None if row is None else consultation_from(row)

    async def any_consultation(self, consultation_id: uuid.UUID) -> Consultation | None:
        """The consultation whatever its tenant, for the public, who name no tenant."""
        row = await self._fetchrow(sql.ANY_CONSULTATION, consultation_id)
        return None if row is None else consultation_from(row)

    async def responses(self, tenant: str, consultation_id: uuid.UUID) -> int:
        return await self._fetchval(sql.RESPONSES, consultation_id, tenant)

    async def channels(self, tenant: str, consultation_id: uuid.UUID) -> dict[str, int]:
        """Responses by channel: online, and each channel staff keyed any in from."""
        keyed_in = {row["channel"]: row["responses"]
                    for row in await self._fetch(sql.KEYED_IN, consultation_id, tenant)}
        return {ONLINE: await self.responses(tenant, consultation_id) - sum(keyed_in.values()), **keyed_in}

    async def tally(self, tenant: str, consultation_id: uuid.UUID, channel: str | None = None) -> Tally:
        condition, given = sql.only_channel(channel, 3)
        return tally_from(await self._fetch(sql.TALLY, consultation_id, tenant, *given, channel=condition))

    async def free_texts(self, tenant: str, consultation_id: uuid.UUID,
                         channel: str | None = None) -> dict[str, TextAnswers]:
        condition, given = sql.only_channel(channel, 3)
        counts = await self._fetch(sql.TEXT_COUNTS, consultation_id, tenant, *given, channel=condition)
        approved: dict[str, list[str]] = defaultdict(list)
        for row in await self._fetch(sql.APPROVED_TEXT, consultation_id, tenant, *given, channel=condition):
            approved[row["question_key"]].append(row["text"])
        return {
            row["question_key"]: TextAnswers(row["publishable"], row["pending"], row["approved"], row["redacted"],
                                             tuple(approved[row["question_key"]]))
            for row in counts
        }

    async def group_sizes(self, tenant: str, consultation_id: uuid.UUID, by: Dimension,
                          channel: str | None = None) -> dict[str, int]:
        condition, given = sql.only_channel(channel, 4)
        rows = await self._fetch(sql.GROUP_SIZES, consultation_id, tenant, NOT_GIVEN, *given, column=by.value,
                                 channel=condition)
        return {row["grouped"]: row["respondents"] for row in rows}

    async def group_tallies(self, tenant: str, consultation_id: uuid.UUID, by: Dimension,
                            questions: list[str], channel: str | None = None) -> dict[str, Tally]:
        condition, given = sql.only_channel(channel, 5)
        rows = await self._fetch(sql.GROUP_TALLY, consultation_id, tenant, NOT_GIVEN, questions, *given,
                                 column=by.value, channel=condition)
        return _tallies(rows, lambda row: row["grouped"])

    async def population(self, tenant: str) -> Population:
        return await population(self._connection, tenant)

    async def cells(self, tenant: str, consultation_id: uuid.UUID, bands: Sequence[str]) -> dict[Cell, int]:
        rows = await self._fetch(sql.CELLS, consultation_id, tenant, bands=_bands(bands))
        return {tuple(row[: len(bands) + 1]): row["respondents"] for row in rows}

    async def cell_tallies(self, tenant: str, consultation_id: uuid.UUID, bands: Sequence[str],
                           questions: list[str]) -> dict[Cell, Tally]:
        rows = await self._fetch(sql.CELL_TALLY, consultation_id, tenant, questions, bands=_bands(bands))
        return _tallies(rows, lambda row: tuple(row[: len(bands) + 1]))

    async def approved_comments(self, tenant: str, consultation_id: uuid.UUID) -> dict[str, dict[str, int]]:
        """Per area, per question, the free-text answers approved for publishing."""
        found: dict[str, dict[str, int]] = defaultdict(dict)
        for row in await self._fetch(sql.APPROVED_BY_AREA, consultation_id, tenant):
            found[row["area"]][row["question_key"]] = row["approved"]
        return dict(found)


def _response_row(response: NewResponse) -> tuple:
    return (response.response_id, response.consultation_id, response.tenant, response.area, *response.bands,
            response.submitted_at, response.channel)


def _bands(bands: Sequence[str]) -> str:
    if not bands or not set(bands) <= set(DIMENSIONS):
        raise ValueError(f"not equality bands: {bands!r}")
    return ", ".join(f"r.{band}" for band in bands)


def _tallies(rows: list[Any], key: Any) -> dict:
    grouped: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return {group: tally_from(found) for group, found in grouped.items()}


def tally_from(rows: list[Any]) -> Tally:
    tally: dict[tuple[str, str], dict[float | None, int]] = defaultdict(dict)
    for row in rows:
        tally[(row["question_key"], row["item"])][row["value"]] = row["respondents"]
    return tally


def consultation_from(row: Any) -> Consultation:
    """The consultation as published, with its text as corrected since."""
    texts = corrected({"title": row["title"], "questions": row["questions"], "sections": row["sections"],
                       "outcome": row["outcome"]}, row["corrections"] or {})
    return Consultation(
        consultation_id=row["consultation_id"], tenant=row["tenant"], title=texts["title"], kind=row["kind"],
        questions=tuple(QuestionSpec.model_validate(q) for q in texts["questions"]), areas=tuple(row["areas"]),
        sections=tuple(PlanSectionSpec.model_validate(s) for s in texts["sections"]),
        results_embargoed=row["results_embargoed"], closes_at=row["closes_at"], closed_at=row["closed_at"],
        results_published_at=row["results_published_at"],
        precept=PreceptProposalSpec.model_validate(row["precept"]) if row["precept"] else None,
        outcome=Outcome(texts["outcome"], row["outcome_published_at"]) if row["outcome"] else None,
    )
