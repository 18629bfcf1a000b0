"""A consultation's results: every question with its options' counts and shares, and its summary.

Shares are of the respondents who answered the question. For a ranking question an
option's count is its first choices.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import get_args

from peel.common.contracts.consultation import Channel, PlanSectionSpec, PreceptProposalSpec, QuestionSpec
from peel.common.errors import Conflict
from peel.reporting.domain import statistics
from peel.reporting.domain.answers import ANSWERED
from peel.reporting.domain.documented import DOCUMENTED
from peel.reporting.domain.summaries import (
    Count,
    Summary,
    Text,
    TextAnswers,
    ValueCounts,
    budget_summary,
    free_text_summary,
    number_summary,
    ranking_summary,
    rating_summary,
    share,
    text_of,
)

EMBARGOED = "results are embargoed until the consultation closes"
CHANNELS: tuple[str, ...] = get_args(Channel)  # online, paper, telephone, event
Tally = Mapping[tuple[str, str], ValueCounts]  # (question, item) -> value -> how many respondents


@dataclass(frozen=True, slots=True)
class Outcome:
    """"We asked, you said, we did": what the office did with what it heard, published after closing."""

    text: Text
    published_at: datetime


@dataclass(frozen=True, slots=True)
class Consultation:
    """A published consultation as the read model knows it."""

    consultation_id: uuid.UUID
    tenant: str
    title: Text
    kind: str
    questions: tuple[QuestionSpec, ...]
    areas: tuple[str, ...] = ()
    results_embargoed: bool = False
    closed_at: datetime | None = None
    results_published_at: datetime | None = None
    precept: PreceptProposalSpec | None = None
    closes_at: datetime | None = None
    outcome: Outcome | None = None
    sections: tuple[PlanSectionSpec, ...] = ()

    @property
    def embargoed(self) -> bool:
        return self.results_embargoed and self.closed_at is None

    @property
    def results_public(self) -> bool:
        """Whether the public may see the results: published, and not embargoed."""
        return self.results_published_at is not None and not self.embargoed

    def check_results_visible(self) -> None:
        if self.embargoed:
            raise Conflict(EMBARGOED)

    def question(self, key: str) -> QuestionSpec | None:
        return next((q for q in self.questions if q.key == key), None)


@dataclass(frozen=True, slots=True)
class OptionResult:
    __pydantic_config__ = DOCUMENTED
    key: str
    text: Text
    count: Count | None
    """respondents who chose it (for a ranking: who ranked it first); none where public results withhold it"""
    share: float | None
    """count / respondents who answered the question"""


@dataclass(frozen=True, slots=True)
class QuestionResult:
    __pydantic_config__ = DOCUMENTED
    key: str
    type: str
    text: Text
    answered: Count | None
    options: tuple[OptionResult, ...]
    summary: Summary | None = None
    """by question type; none for choice questions"""


@dataclass(frozen=True, slots=True)
class ConsultationResults:
    __pydantic_config__ = DOCUMENTED
    consultation_id: uuid.UUID
    title: Text
    kind: str
    responses: Count | None
    questions: tuple[QuestionResult, ...]
    results_embargoed: bool = False
    closes_at: datetime | None = None
    """when it closes or closed as planned, after any extension"""
    closed_at: datetime | None = None
    results_published_at: datetime | None = None
    outcome: Outcome | None = None
    """what the office did with what it heard, once published"""
    rule: str | None = None
    """in public results, how small counts are withheld"""
    channels: dict[str, Count | None] = field(default_factory=dict)
    """responses by channel (online, paper, telephone, event), every channel whichever these results are of"""
    channel: str | None = None
    """the one channel these results are of; none: every channel's responses together"""


def by_question(tally: Tally) -> dict[str, dict[str, ValueCounts]]:
    """The tally regrouped: question -> item -> value -> how many."""
    grouped: dict[str, dict[str, ValueCounts]] = defaultdict(dict)
    for (question, item), counts in tally.items():
        grouped[question][item] = counts
    return grouped


def by_channel(found: Mapping[str, int]) -> dict[str, int]:
    """Every channel's responses, none left out (zero when it has none)."""
    return {channel: found.get(channel, 0) for channel in (*CHANNELS, *sorted(set(found) - set(CHANNELS)))}


def assemble(consultation: Consultation, responses: float, tally: Tally,
             texts: Mapping[str, TextAnswers] | None = None, channels: Mapping[str, int] | None = None,
             channel: str | None = None) -> ConsultationResults:
    """Zero-fill every option the consultation offers, compute shares and each type's summary.

    ``tally``, ``texts`` and ``responses`` are of ``channel`` alone when it is given; ``channels`` always counts
    every channel, so that the results say which responses they are of."""
    grouped, texts = by_question(tally), texts or {}
    return ConsultationResults(
        consultation_id=consultation.consultation_id, title=consultation.title, kind=consultation.kind,
        responses=responses, channels=by_channel(channels or {}), channel=channel,
        questions=tuple(question_result(q, grouped.get(q.key, {}), texts.get(q.key)) for q in consultation.questions),
        results_embargoed=consultation.results_embargoed, closes_at=consultation.closes_at,
        closed_at=consultation.closed_at, results_published_at=consultation.results_published_at,
        outcome=consultation.outcome,
    )


def question_result(question: QuestionSpec, items: Mapping[str, ValueCounts],
                    texts: TextAnswers | None = None) -> QuestionResult:
    answered = statistics.total(items.get(ANSWERED, {}))
    counted = _first_choices(items) if question.type == "ranking" else _chosen(items)
    options = tuple(
        OptionResult(option.key, text_of(option.text), (count := counted.get(option.key, 0)), share(count, answered))
        for option in question.options
    )
    return QuestionResult(key=question.key, type=question.type, text=text_of(question.text), answered=answered,
                          options=options, summary=summary(question, items, texts))


def _chosen(items: Mapping[str, ValueCounts]) -> dict[str, float]:
    return {item: statistics.total(counts) for item, counts in items.items() if item != ANSWERED}


def _first_choices(items: Mapping[str, ValueCounts]) -> dict[str, float]:
    return {item: counts.get(1.0, 0) for item, counts in items.items() if item != ANSWERED}


def summary(question: QuestionSpec, items: Mapping[str, ValueCounts], texts: TextAnswers | None) -> Summary | None:
    own = items.get(ANSWERED, {})
    parts = {item: counts for item, counts in items.items() if item != ANSWERED}
    match question.type:
        case "rating":
            return rating_summary(question, own)
        case "number":
            return number_summary(question, own)
        case "ranking":
            return ranking_summary(question, parts)
        case "budget_allocation":
            return budget_summary(question, parts, own)
        case "free_text":
            return free_text_summary(texts or TextAnswers())
    return None
