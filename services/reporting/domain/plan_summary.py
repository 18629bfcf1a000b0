"""What a Panel report needs from a draft Police and Crime Plan consultation, section by section:
responses, the support ratings (distribution, mean, and how many were supportive), comments and
comments approved for publishing, and the same by area.

A section is a rating question ``<section>_support`` with, when it has one, its free-text
question ``<section>_comment``, as the consultation service publishes a draft Plan. A rating
is supportive in the top two points of the section's scale (4 or 5 on 1 to 5). Shares are of
the respondents who rated the section.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from peel.common.contracts.consultation import PlanSectionSpec, QuestionSpec
from peel.reporting.domain import statistics
from peel.reporting.domain.answers import ANSWERED
from peel.reporting.domain.consultation_results import Consultation, Tally
from peel.reporting.domain.documented import DOCUMENTED
from peel.reporting.domain.summaries import Count, Point, Text, given, rating_summary, share, text_of

SUPPORT, COMMENT = "_support", "_comment"
SUPPORTIVE = "a rating in the top two points of the section's scale"


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    support: QuestionSpec
    comment: str | None  # the comment question's key
    title: Text | None = None  # as published with the Plan's sections, and corrected since


@dataclass(frozen=True, slots=True)
class SectionFigures:
    __pydantic_config__ = DOCUMENTED
    key: str
    text: Text
    answered: Count
    """respondents who rated the section"""
    mean: float | None
    median: float | None
    supportive: Count
    supportive_share: float
    distribution: tuple[Point, ...]
    comments: Count
    comments_approved: Count
    """comments approved for publishing"""
    title: Text | None = None
    """the section's title as residents read it (corrections included); none if published without sections"""


@dataclass(frozen=True, slots=True)
class AreaSections:
    __pydantic_config__ = DOCUMENTED
    key: str
    """the area or band; 'unknown' area, 'not_given' band"""
    suppressed: bool
    responses: Count | None
    """none when suppressed"""
    sections: tuple[SectionFigures, ...]


@dataclass(frozen=True, slots=True)
class PlanSummary:
    supportive_means: str
    sections: tuple[SectionFigures, ...]
    by_area: tuple[AreaSections, ...]


def plan_sections(questions: Sequence[QuestionSpec], published: Sequence[PlanSectionSpec] = ()) -> list[Section]:
    """The sections rated, each with its title when the Plan's ``published`` sections name it."""
    texts = {q.key for q in questions if q.type == "free_text"}
    titles = {section.key: text_of(section.title) for section in published}
    sections = []
    for question in questions:
        if question.type == "rating" and question.scale and question.key.endswith(SUPPORT):
            key = question.key.removesuffix(SUPPORT)
            comment = f"{key}{COMMENT}"
            sections.append(Section(key, question, comment if comment in texts else None, titles.get(key)))
    return sections


def supportive(question: QuestionSpec, ratings: Mapping[float | None, float]) -> float:
    """Respondents who rated in the top two points of the scale."""
    assert question.scale is not None
    return sum(count for value, count in ratings.items() if value is not None and value >= question.scale.maximum - 1)


def section_figures(section: Section, tally: Tally, approved: Mapping[str, float]) -> SectionFigures:
    """``approved``: per comment question, the comments approved for publishing."""
    ratings = tally.get((section.support.key, ANSWERED), {})
    rating = rating_summary(section.support, ratings)
    answered, supporters = statistics.total(given(ratings)), supportive(section.support, ratings)
    comment = section.comment or ""
    return SectionFigures(
        key=section.key, text=text_of(section.support.text), answered=answered, mean=rating.mean,
        median=rating.median, supportive=supporters, supportive_share=share(supporters, answered),
        distribution=rating.distribution, comments=statistics.total(tally.get((comment, ANSWERED), {})),
        comments_approved=approved.get(comment, 0), title=section.title,
    )


def plan_summary(consultation: Consultation, tally: Tally, areas: Sequence[tuple[str, float | None]],
                 area_tallies: Mapping[str, Tally], approved: Mapping[str, Mapping[str, float]]) -> PlanSummary:
    """``tally``: every respondent's answers; ``areas``: each area with its responses (None when
    suppressed); ``area_tallies``: per area, its respondents' answers; ``approved``: per area, per
    comment question, the comments approved for publishing."""
    sections = plan_sections(consultation.questions, consultation.sections)
    everywhere = _summed(approved.values())
    return PlanSummary(
        supportive_means=SUPPORTIVE, sections=tuple(section_figures(s, tally, everywhere) for s in sections),
        by_area=tuple(
            AreaSections(key, True, None, ()) if size is None
            else AreaSections(key, False, size, tuple(section_figures(s, area_tallies.get(key, {}),
                                                                      approved.get(key, {})) for s in sections))
            for key, size in areas
        ),
    )


def _summed(counts: Iterable[Mapping[str, float]]) -> dict[str, float]:
    total: Counter[str] = Counter()
    for found in counts:
        total.update(found)
    return dict(total)
