"""Every public text of a consultation, each named by its place, reached by one walk.

The same walk lists the texts (to check that the Welsh is complete) and rewrites them (to
apply a correction), so a text added to a question, a budget or a Plan section is covered
by both. Places read like ``questions.priority.options.asb``; ``peel.common.contracts.
consultation.TextChange`` lists them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from peel.consultation.domain.budget import Budget, BudgetLine
from peel.consultation.domain.kinds import PlanSection
from peel.consultation.domain.questions import Question, Scale, Text

Rewrite = Callable[[str, Text], Text]


@dataclass(frozen=True, slots=True)
class Rewording:
    """New words for one public text: a language left as ``None`` keeps its words.

    ``without_welsh`` removes the Welsh (refused when the consultation requires Welsh).
    """

    en: str | None = None
    cy: str | None = None
    without_welsh: bool = False

    @classmethod
    def of(cls, text: Text) -> Rewording:
        return cls(en=text.en, cy=text.cy)

    def applied_to(self, text: Text) -> Text:
        welsh = None if self.without_welsh else self.cy or text.cy
        return Text(self.en or text.en, welsh)


def question_texts(question: Question, rewrite: Rewrite) -> Question:
    """The question with each of its texts (wording, options, scale labels, budget) rewritten."""
    place = f"questions.{question.key}"
    return replace(
        question, text=rewrite(f"{place}.text", question.text),
        options=tuple(replace(o, text=rewrite(f"{place}.options.{o.key}", o.text)) for o in question.options),
        scale=_scale(question.scale, rewrite, f"{place}.scale") if question.scale else None,
        budget=_budget(question.budget, rewrite, f"{place}.budget") if question.budget else None,
    )


def section_texts(section: PlanSection, rewrite: Rewrite) -> PlanSection:
    place = f"sections.{section.key}"
    return replace(section, title=rewrite(f"{place}.title", section.title),
                   summary=rewrite(f"{place}.summary", section.summary))


def _scale(scale: Scale, rewrite: Rewrite, place: str) -> Scale:
    return replace(scale, labels=tuple(replace(label, text=rewrite(f"{place}.{label.point}", label.text))
                                       for label in scale.labels))


def _budget(budget: Budget, rewrite: Rewrite, place: str) -> Budget:
    return replace(budget, lines=tuple(_line(line, rewrite, f"{place}.{line.key}") for line in budget.lines))


def _line(line: BudgetLine, rewrite: Rewrite, place: str) -> BudgetLine:
    consequences = tuple(
        replace(c, text=rewrite(f"{place}.consequences.{c.change_percent.normalize():f}", c.text))
        for c in line.consequences
    )
    return replace(line, text=rewrite(place, line.text), consequences=consequences)
