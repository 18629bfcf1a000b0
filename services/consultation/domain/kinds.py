"""What each kind of consultation adds to plain questions.

- A draft Police and Crime Plan is published in sections; each section is open to a
  support rating and a comment.
- A precept consultation offers Band D changes; residents see what each option means for
  every council-tax band and whether it would trigger a referendum, and choose one.
- A budget simulator must ask for a budget allocation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from peel.common.contracts.consultation import BandChangeSpec, PreceptOptionSpec, PreceptProposalSpec
from peel.common.errors import FieldError, InvalidInput
from peel.consultation.domain.precept import OptionEffect, PreceptProposal
from peel.consultation.domain.questions import Option, PointLabel, Question, QuestionType, Scale, Text

SUPPORT_SCALE = Scale(1, 5, (PointLabel(1, Text("Strongly oppose", "Gwrthwynebu'n gryf")),
                             PointLabel(3, Text("Neither", "Dim un")),
                             PointLabel(5, Text("Strongly support", "Cefnogi'n gryf"))))
PRECEPT_QUESTION = "precept_option"


@dataclass(frozen=True, slots=True)
class PlanSection:
    """A section of the draft Plan, as residents read it before rating it and commenting on it."""

    key: str
    title: Text
    summary: Text


def plan_questions(sections: tuple[PlanSection, ...]) -> tuple[Question, ...]:
    """A support rating and an optional comment for every section of the draft Plan."""
    questions: list[Question] = []
    for section in sections:
        questions.append(Question(
            f"{section.key}_support", QuestionType.RATING,
            Text(f"How far do you support this part of the plan: {section.title.en}?",
                 f"I ba raddau ydych chi'n cefnogi'r rhan hon o'r cynllun: {section.title.cy}?"
                 if section.title.cy else None),
            scale=SUPPORT_SCALE))
        questions.append(Question(
            f"{section.key}_comment", QuestionType.FREE_TEXT,
            Text(f"Your comments on {section.title.en}", f"Eich sylwadau ar {section.title.cy}"
                 if section.title.cy else None),
            required=False, max_length=4000))
    return tuple(questions)


def precept_question(proposal: PreceptProposal) -> Question:
    """The choice between the precept options, each described by its Band D change."""
    options = tuple(Option(effect.option.key, _describe(effect.option.change, effect.band("D").weekly))
                    for effect in proposal.effects())
    return Question(PRECEPT_QUESTION, QuestionType.SINGLE_CHOICE,
                    Text("Which change to the policing precept do you prefer?",
                         "Pa newid i'r praesept plismona sydd orau gennych?"), options=options)


def precept_spec(proposal: PreceptProposal) -> PreceptProposalSpec:
    """The options with what each means, as published for reporting."""
    limit = proposal.referendum_limit
    return PreceptProposalSpec(
        question=PRECEPT_QUESTION, band_d_current=float(proposal.band_d_current),
        options=tuple(_option_spec(effect) for effect in proposal.effects()),
        referendum_limit_pounds=float(limit.pounds) if limit and limit.pounds is not None else None,
        referendum_limit_percent=float(limit.percent) if limit and limit.percent is not None else None,
    )


def _option_spec(effect: OptionEffect) -> PreceptOptionSpec:
    return PreceptOptionSpec(
        key=effect.option.key, band_d_change=float(effect.option.change),
        percent_increase=float(effect.percent_increase), new_band_d=float(effect.new_band_d),
        triggers_referendum=effect.triggers_referendum,
        bands=tuple(BandChangeSpec(band=b.band, yearly=float(b.yearly), weekly=float(b.weekly)) for b in effect.bands),
    )


def _describe(change: Decimal, weekly: Decimal) -> Text:
    if change == 0:
        return Text("No change for Band D", "Dim newid ar gyfer Band D")
    direction, cyfeiriad = ("more", "yn fwy") if change > 0 else ("less", "yn llai")
    return Text(f"£{abs(change):.2f} a year {direction} for Band D (£{abs(weekly):.2f} a week)",
                f"£{abs(change):.2f} y flwyddyn {cyfeiriad} ar gyfer Band D (£{abs(weekly):.2f} yr wythnos)")


def check_budget_simulator(questions: tuple[Question, ...]) -> None:
    if not any(q.type is QuestionType.BUDGET_ALLOCATION for q in questions):
        raise InvalidInput([FieldError(("questions",), "a budget simulator needs a budget_allocation question")])
