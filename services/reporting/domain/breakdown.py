"""Results broken down by area or by an equality-monitoring band, with small groups suppressed.

The suppression rule: a group with fewer than ten responses is shown as suppressed, without
its responses or counts. When exactly one group that has responses is suppressed, the next
smallest group that has responses is suppressed as well, so that no suppressed group's
counts can be worked out by subtracting the groups shown from the consultation's totals.
Counts within a group that is shown are not suppressed.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from peel.common.contracts.consultation import UNKNOWN_AREA
from peel.reporting.domain.consultation_results import Consultation, QuestionResult, Tally, by_question, question_result
from peel.reporting.domain.documented import DOCUMENTED
from peel.reporting.domain.summaries import Count

MINIMUM_GROUP = 10
NOT_GIVEN = "not_given"  # respondents who did not give this band
RULE = (f"groups with fewer than {MINIMUM_GROUP} responses are suppressed; when only one group with responses "
        "is suppressed, the next smallest is suppressed too")
BROKEN_DOWN = frozenset({"single_choice", "multi_choice", "rating"})


class Dimension(StrEnum):
    AREA = "area"
    AGE_BAND = "age_band"
    SEX = "sex"
    ETHNICITY = "ethnicity"
    DISABILITY = "disability"


@dataclass(frozen=True, slots=True)
class Group:
    __pydantic_config__ = DOCUMENTED
    key: str
    """the area or band; 'unknown' area, 'not_given' band"""
    suppressed: bool
    responses: Count | None
    """none when suppressed"""
    questions: tuple[QuestionResult, ...]
    """choice and rating questions; none when suppressed"""


@dataclass(frozen=True, slots=True)
class Breakdown:
    __pydantic_config__ = DOCUMENTED
    consultation_id: uuid.UUID
    by: Dimension
    rule: str
    """how small groups are suppressed"""
    groups: tuple[Group, ...]
    channel: str | None = None
    """the one channel whose responses are broken down; none: every channel's together"""


def suppressed(sizes: Mapping[str, float], minimum: int = MINIMUM_GROUP) -> set[str]:
    """The groups to suppress, given each group's responses."""
    small = {group for group, size in sizes.items() if size < minimum}
    if sum(1 for group in small if sizes[group]) == 1:
        shown = sorted((size, group) for group, size in sizes.items() if group not in small and size)
        small.update(group for _, group in shown[:1])
    return small


def group_order(by: Dimension, consultation: Consultation, found: set[str]) -> list[str]:
    """The consultation's areas in its order (even without responses), then any others; unknowns last."""
    last = UNKNOWN_AREA if by is Dimension.AREA else NOT_GIVEN
    listed = list(consultation.areas) if by is Dimension.AREA else []
    others = sorted(found - set(listed) - {last})
    return listed + others + ([last] if last in found else [])


def shown_groups(by: Dimension, consultation: Consultation,
                 sizes: Mapping[str, float]) -> list[tuple[str, float | None]]:
    """Every group in order with its responses, or None when it is suppressed."""
    order = group_order(by, consultation, set(sizes))
    sizes = {group: sizes.get(group, 0) for group in order}
    hidden = suppressed(sizes)
    return [(group, None if group in hidden else sizes[group]) for group in order]


def breakdown(consultation: Consultation, by: Dimension, sizes: Mapping[str, float],
              tallies: Mapping[str, Tally], channel: str | None = None) -> Breakdown:
    """``sizes``: responses per group; ``tallies``: per group, the tally of its respondents' answers (both of
    ``channel`` alone when it is given)."""
    return Breakdown(
        consultation_id=consultation.consultation_id, by=by, rule=RULE, channel=channel,
        groups=tuple(
            Group(group, True, None, ()) if size is None
            else Group(group, False, size, _questions(consultation, tallies.get(group, {})))
            for group, size in shown_groups(by, consultation, sizes)
        ),
    )


def _questions(consultation: Consultation, tally: Tally) -> tuple[QuestionResult, ...]:
    grouped = by_question(tally)
    return tuple(question_result(q, grouped.get(q.key, {})) for q in consultation.questions if q.type in BROKEN_DOWN)
