"""Which questions a resident is asked (routing), and checking a whole set of questions or answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from peel.common.errors import FieldError, InvalidInput
from peel.consultation.domain.questions import (
    CHOICE_TYPES,
    Answer,
    AnswerRefused,
    ChoiceAnswer,
    Question,
    QuestionType,
    is_blank,
    required_part,
)


def check_questions(questions: Sequence[Question]) -> None:
    """Raise ``InvalidInput`` naming every problem in a set of questions, at ("questions", i, ...)."""
    errors = [FieldError(("questions", i, *error.location), error.reason, error.code)
              for i, question in enumerate(questions) for error in _problems_in(questions, i)]
    if errors:
        raise InvalidInput(errors)


def _problems_in(questions: Sequence[Question], i: int) -> list[FieldError]:
    question, earlier = questions[i], {q.key: q for q in questions[:i]}
    repeated = [FieldError(("key",), f"{question.key!r} is already the key of an earlier question")] \
        if question.key in earlier else []
    return [*repeated, *question.problems(), *_routing_problems(question, earlier, questions)]


def _routing_problems(question: Question, earlier: Mapping[str, Question],
                      questions: Sequence[Question]) -> list[FieldError]:
    rule = question.show_if
    if rule is None:
        return []
    target = earlier.get(rule.question)
    if target is None:
        later = any(q.key == rule.question for q in questions)
        reason = "comes at or after this one" if later else "is not a question of this consultation"
        return [FieldError(("show_if", "question"), f"must name an earlier question; {rule.question!r} {reason}")]
    if target.type not in CHOICE_TYPES:
        return [FieldError(("show_if", "question"), f"{rule.question!r} is a {target.type} question; "
                                                    "routing needs a single or multi choice question")]
    if rule.equals not in target.option_keys:
        return [FieldError(("show_if", "equals"), f"{rule.equals!r} is not an option of {rule.question!r}; "
                                                  f"choose from {list(target.option_keys)}")]
    return []


# Checking a whole response, or the answers given so far.

@dataclass(frozen=True, slots=True)
class AnswersSoFar:
    """Where a resident stands part-way through a journey of one question a page."""

    errors: tuple[FieldError, ...]
    next_question: str | None
    """The first question routing shows that has no accepted answer yet; ``None`` when all are answered."""


def check_answers(questions: Sequence[Question], answers: Mapping[str, object], *,
                  publishable: bool = False) -> tuple[tuple[Answer, ...], list[FieldError]]:
    """The answers accepted and every failing field, each at ("answers", key, ...), with its reason.

    A question hidden by routing may be left blank even when required; answering it is refused.
    While the question that decides routing has a refused answer, a question it routes to is
    checked only by its own rules.
    """
    progress = _walk(questions, answers, publishable=publishable, so_far=False)
    return tuple(progress.accepted.values()), progress.errors


def check_answers_so_far(questions: Sequence[Question], answers: Mapping[str, object]) -> AnswersSoFar:
    """The failing fields of the answers given, and the next question to ask, by the same rules as a response.

    A question whose key is absent has not been asked yet: it is no error. A key given blank was
    asked and left unanswered, which a required question refuses.
    """
    progress = _walk(questions, answers, publishable=False, so_far=True)
    return AnswersSoFar(tuple(progress.errors), progress.next_question)


def _walk(questions: Sequence[Question], answers: Mapping[str, object], *, publishable: bool,
          so_far: bool) -> _Progress:
    """Every question in order, through routing; with ``so_far``, those not yet asked are only noted."""
    known = {question.key: question for question in questions}
    progress = _Progress(known, publishable)
    progress.errors.extend(FieldError(("answers", key), "no such question", "unknown_question")
                           for key in answers if key not in known)
    for question in questions:
        if so_far and question.key not in answers:
            progress.wait_for(question)
        else:
            progress.take(question, answers.get(question.key))
    return progress


@dataclass(slots=True)
class _Progress:
    """A response part-way through checking, in question order."""

    known: Mapping[str, Question]
    publishable: bool
    accepted: dict[str, Answer] = field(default_factory=dict)
    refused: set[str] = field(default_factory=set)
    errors: list[FieldError] = field(default_factory=list)
    next_question: str | None = None

    def take(self, question: Question, value: object) -> None:
        shown = self.is_shown(question)
        try:
            answer = _checked(question, value, shown, self.known, self.publishable)
        except AnswerRefused as refusal:
            self.errors.extend(_errors_of(question.key, refusal))
            if shown is not False:
                self.refused.add(question.key)
                self.wait_for(question)
            return
        if answer is not None:
            self.accepted[question.key] = answer

    def wait_for(self, question: Question) -> None:
        """Note a question still to be answered, if routing may show it."""
        if self.next_question is None and self.is_shown(question) is not False:
            self.next_question = question.key

    def is_shown(self, question: Question) -> bool | None:
        """Whether routing shows ``question``; None while the deciding answer is refused."""
        rule = question.show_if
        if rule is None:
            return True
        if rule.question in self.refused:
            return None
        decider = self.accepted.get(rule.question)
        return isinstance(decider, ChoiceAnswer) and rule.equals in decider.options


def _checked(question: Question, value: object, shown: bool | None, known: Mapping[str, Question],
             publishable: bool) -> Answer | None:
    if is_blank(value):
        if shown and question.required:
            raise AnswerRefused("this question needs an answer", code="missing")
        return None
    if shown is False:
        raise AnswerRefused(f"not asked: {_condition(question, known)}", code="not_asked")
    return question.answer(value, publishable=publishable)


def _condition(question: Question, known: Mapping[str, Question]) -> str:
    rule = required_part(question.show_if)
    decider = known.get(rule.question)
    verb = "includes" if decider is not None and decider.type is QuestionType.MULTI_CHOICE else "is"
    return f"shown only when {rule.question!r} {verb} {rule.equals!r}"


def _errors_of(key: str, refusal: AnswerRefused) -> list[FieldError]:
    if not refusal.parts:
        return [FieldError(("answers", key), str(refusal), refusal.code)]
    return [FieldError(("answers", key, *part.location), part.reason, part.code) for part in refusal.parts]
