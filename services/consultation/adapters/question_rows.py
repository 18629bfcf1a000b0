"""Questions to and from the JSON stored in the ``questions`` jsonb column.

Money and percentages of a budget are stored as strings of their decimal digits, so that
they come back exactly. Rows written before a field existed read it as absent.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from peel.consultation.domain.budget import Budget, BudgetLine, Consequence, PreceptLever
from peel.consultation.domain.questions import (
    NumberRange,
    Option,
    PointLabel,
    Question,
    QuestionType,
    Scale,
    ShowIf,
    Text,
)

Json = dict[str, Any]
_T = TypeVar("_T")
_U = TypeVar("_U")


def text_to_json(text: Text) -> dict[str, str]:
    return {"en": text.en, **({"cy": text.cy} if text.cy else {})}


def text_from_json(data: Json) -> Text:
    return Text(en=data["en"], cy=data.get("cy"))


def question_to_json(question: Question) -> Json:
    return {
        "key": question.key,
        "type": question.type.value,
        "text": text_to_json(question.text),
        "required": question.required,
        "options": [{"key": option.key, "text": text_to_json(option.text)} for option in question.options],
        "max_length": question.max_length,
        "min_selections": question.min_selections,
        "max_selections": question.max_selections,
        "min_ranked": question.min_ranked,
        "scale": _maybe(scale_to_json, question.scale),
        "range": _maybe(range_to_json, question.range),
        "budget": _maybe(budget_to_json, question.budget),
        "show_if": _maybe(show_if_to_json, question.show_if),
    }


def question_from_json(data: Json) -> Question:
    return Question(
        key=data["key"],
        type=QuestionType(data["type"]),
        text=text_from_json(data["text"]),
        required=data["required"],
        options=tuple(Option(key=o["key"], text=text_from_json(o["text"])) for o in data.get("options", ())),
        max_length=data.get("max_length"),
        min_selections=data.get("min_selections"),
        max_selections=data.get("max_selections"),
        min_ranked=data.get("min_ranked"),
        scale=_maybe(scale_from_json, data.get("scale")),
        range=_maybe(range_from_json, data.get("range")),
        budget=_maybe(budget_from_json, data.get("budget")),
        show_if=_maybe(show_if_from_json, data.get("show_if")),
    )


def _maybe(convert: Callable[[_T], _U], value: _T | None) -> _U | None:
    return None if value is None else convert(value)


def scale_to_json(scale: Scale) -> Json:
    labels = [{"point": label.point, "text": text_to_json(label.text)} for label in scale.labels]
    return {"minimum": scale.minimum, "maximum": scale.maximum, "labels": labels}


def scale_from_json(data: Json) -> Scale:
    labels = tuple(PointLabel(point=label["point"], text=text_from_json(label["text"])) for label in data["labels"])
    return Scale(minimum=data["minimum"], maximum=data["maximum"], labels=labels)


def range_to_json(allowed: NumberRange) -> Json:
    return {"minimum": allowed.minimum, "maximum": allowed.maximum, "unit": allowed.unit,
            "integer_only": allowed.integer_only}


def range_from_json(data: Json) -> NumberRange:
    return NumberRange(minimum=data["minimum"], maximum=data["maximum"], unit=data.get("unit"),
                       integer_only=data.get("integer_only", False))


def show_if_to_json(rule: ShowIf) -> Json:
    return {"question": rule.question, "equals": rule.equals}


def show_if_from_json(data: Json) -> ShowIf:
    return ShowIf(question=data["question"], equals=data["equals"])


def budget_to_json(budget: Budget) -> Json:
    return {
        "lines": [line_to_json(line) for line in budget.lines],
        "target_change": str(budget.target_change),
        "tolerance": str(budget.tolerance),
        "precept": _maybe(lever_to_json, budget.precept),
    }


def budget_from_json(data: Json) -> Budget:
    return Budget(
        lines=tuple(line_from_json(line) for line in data["lines"]),
        target_change=_decimal(data["target_change"]),
        tolerance=_decimal(data["tolerance"]),
        precept=_maybe(lever_from_json, data.get("precept")),
    )


_LINE_AMOUNTS = ("current_spend", "min_change_percent", "max_change_percent", "step_percent")
_LEVER_AMOUNTS = ("band_d_current", "max_change", "income_per_pound")


def line_to_json(line: BudgetLine) -> Json:
    consequences = [{"change_percent": str(c.change_percent), "text": text_to_json(c.text)} for c in line.consequences]
    amounts = {name: str(getattr(line, name)) for name in _LINE_AMOUNTS}
    return {"key": line.key, "text": text_to_json(line.text), **amounts, "consequences": consequences}


def line_from_json(data: Json) -> BudgetLine:
    consequences = tuple(Consequence(change_percent=_decimal(c["change_percent"]), text=text_from_json(c["text"]))
                         for c in data.get("consequences", ()))
    amounts = {name: _decimal(data[name]) for name in _LINE_AMOUNTS}
    return BudgetLine(key=data["key"], text=text_from_json(data["text"]), **amounts, consequences=consequences)


def lever_to_json(lever: PreceptLever) -> Json:
    return {name: str(getattr(lever, name)) for name in _LEVER_AMOUNTS}


def lever_from_json(data: Json) -> PreceptLever:
    return PreceptLever(**{name: _decimal(data[name]) for name in _LEVER_AMOUNTS})


def _decimal(value: str | int | float) -> Decimal:
    return Decimal(str(value))
