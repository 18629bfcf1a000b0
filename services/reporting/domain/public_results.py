"""A consultation's results for the public, once they are published: the staff's summaries with small
counts withheld, by the rule the breakdowns follow for groups.

The rule:

- a count of fewer than ten people is withheld (shown as none), and its share with it;
- among counts that add up to those who answered (a single choice's options, a rating's points, a
  number's buckets, a ranking's first choices, the precept changes chosen, the free texts' pending and
  redacted beside the approved shown), when exactly one count that is not zero is withheld, the next
  smallest that is not zero is withheld too, so that none can be worked out by subtracting the others
  from the total;
- a mean, median, quartile, mean rank or Borda score is shown only when ten or more people gave it, and
  never beside a withheld count of the distribution it is computed from (with the number who answered, a
  mean gives one more sum, enough to work out two withheld counts): a rating's, a number's or the precept
  change's mean and median go when any of their counts that is not zero is withheld (zeros withheld alone
  are known from the counts shown), and a ranking option's mean rank and Borda score when its first
  choices are;
- a number question's minimum and maximum are each one person's answer, and are withheld;
- of free text, only the answers approved for publication are shown (they always were agreed to), and
  their number with them, which they show anyway: the rule for counts adding up applies to the pending
  and the redacted.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import replace
from typing import TypeVar

from peel.reporting.domain.breakdown import MINIMUM_GROUP, suppressed
from peel.reporting.domain.consultation_results import ConsultationResults, OptionResult, QuestionResult
from peel.reporting.domain.summaries import (
    BudgetLine,
    BudgetSummary,
    FreeTextSummary,
    NumberSummary,
    PreceptChoice,
    RankedOption,
    RankingSummary,
    RatingSummary,
    Spread,
    Summary,
)

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
PUBLIC_RULE = (f"counts of fewer than {MINIMUM_GROUP} people are withheld with their shares; when only one count "
               "of those adding up to a question's answers is withheld, the next smallest is withheld too; means, "
               f"medians and ranks of fewer than {MINIMUM_GROUP} people or beside a withheld count, and a "
               "number's minimum and maximum, are withheld; free text only as approved for publication")
NOTHING_SHOWN = Spread(None, None, None, None, None)


def public_results(results: ConsultationResults) -> ConsultationResults:
    """The staff's results with what could point to few people withheld."""
    hidden = _adding_up(results.channels)
    channels = {channel: None if channel in hidden else count for channel, count in results.channels.items()}
    return replace(results, responses=_shown(results.responses), rule=PUBLIC_RULE, channels=channels,
                   questions=tuple(public_question(question) for question in results.questions))


def public_question(question: QuestionResult) -> QuestionResult:
    counts = {option.key: option.count for option in question.options}
    hidden = _each_small(counts) if question.type == "multi_choice" else _adding_up(counts)
    return replace(question, answered=_shown(question.answered),
                   options=tuple(_option(option, option.key in hidden) for option in question.options),
                   summary=public_summary(question.summary, _few(question.answered)))


def _option(option: OptionResult, hidden: bool) -> OptionResult:
    return replace(option, count=None, share=None) if hidden else option


def public_summary(summary: Summary | None, few: bool) -> Summary | None:
    """A question's summary for the public; ``few``: fewer than ten people answered it."""
    match summary:
        case RatingSummary():
            counts = {point.value: point.count for point in summary.distribution}
            hidden = _adding_up(counts)
            return replace(summary, **_centre(summary, few or _hides_someone(counts, hidden)),
                           distribution=tuple(replace(p, count=None, share=None) if p.value in hidden else p
                                              for p in summary.distribution))
        case NumberSummary():
            counts = {bucket.low: bucket.count for bucket in summary.distribution}
            hidden = _adding_up(counts)
            return replace(summary, **_centre(summary, few or _hides_someone(counts, hidden)),
                           minimum=None, maximum=None,
                           distribution=tuple(replace(b, count=None) if b.low in hidden else b
                                              for b in summary.distribution))
        case RankingSummary():
            return _ranking(summary)
        case BudgetSummary():
            return replace(summary, lines=tuple(map(_budget_line, summary.lines)),
                           precept=_precept(summary.precept) if summary.precept else None)
        case FreeTextSummary():
            return _free_text(summary)
    return summary


def _centre(summary: RatingSummary | NumberSummary | PreceptChoice, withheld: bool) -> dict[str, float | None]:
    """The mean and median, unless too few gave them or a count they come from is withheld."""
    return {"mean": _unless(withheld, summary.mean), "median": _unless(withheld, summary.median)}


def _ranking(summary: RankingSummary) -> RankingSummary:
    first = _adding_up({option.key: option.first_choices for option in summary.options})
    return replace(summary, options=tuple(_ranked(option, option.key in first) for option in summary.options))


def _ranked(option: RankedOption, first_hidden: bool) -> RankedOption:
    withheld = first_hidden or _few(option.ranked)
    return replace(option, ranked=_shown(option.ranked), first_choices=None if first_hidden else option.first_choices,
                   mean_rank=_unless(withheld, option.mean_rank), borda=_unless(withheld, option.borda))


def _budget_line(line: BudgetLine) -> BudgetLine:
    if not _few(line.answered):
        return line
    return replace(line, answered=None, change_percent=NOTHING_SHOWN, change_amount=NOTHING_SHOWN)


def _precept(precept: PreceptChoice) -> PreceptChoice:
    counts = {choice.value: choice.count for choice in precept.distribution}
    hidden = _adding_up(counts)
    withheld = _few(precept.answered) or _hides_someone(counts, hidden)
    return replace(precept, answered=_shown(precept.answered), **_centre(precept, withheld),
                   distribution=tuple(replace(c, count=None) if c.value in hidden else c
                                      for c in precept.distribution))


def _free_text(summary: FreeTextSummary) -> FreeTextSummary:
    """The approved answers are shown, so their number is; the pending and the redacted add up to the rest."""
    rest = {"pending": summary.moderation.pending, "redacted": summary.moderation.redacted}
    hidden = _adding_up(rest)
    return replace(summary, publishable=_shown(summary.publishable),
                   moderation=replace(summary.moderation, **dict.fromkeys(hidden)))


def _few(count: float | None) -> bool:
    return count is None or count < MINIMUM_GROUP


def _shown(count: T | None) -> T | None:
    return None if _few(count) else count


def _unless(few: bool, value: T) -> T | None:
    return None if few else value


def _hides_someone(counts: Mapping[K, float | None], hidden: set[K]) -> bool:
    """Whether a withheld count is of anyone: withheld zeros are known to be zeros from the counts shown."""
    return any(counts[key] for key in hidden)


def _each_small(counts: Mapping[K, float | None]) -> set[K]:
    """Counts that add up to nothing in particular: each under ten."""
    return {key for key, count in counts.items() if _few(count)}


def _adding_up(counts: Mapping[K, float | None]) -> set[K]:
    """Counts that add up to those who answered: each under ten, and never one alone."""
    return suppressed({key: count or 0 for key, count in counts.items()})
