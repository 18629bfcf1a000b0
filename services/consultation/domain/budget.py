"""The budget simulator: residents move each service line's spending until the budget balances.

Each line may change by whole steps of ``step_percent``, counted from 0 (no change), between
``min_change_percent`` and ``max_change_percent``. The changes balance when

    sum of spending changes - precept income

is within ``tolerance`` pounds of ``target_change`` (negative when savings are needed). The
precept lever, when offered, lets a resident raise Band D council tax by 0 up to
``max_change`` pounds a year, in whole pence; each pound raises ``income_per_pound``.
Amounts are pounds a year, held as ``Decimal``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from peel.common.contracts.consultation import BudgetAnswer, BudgetLineSpec, BudgetSpec, PreceptLeverSpec
from peel.common.errors import FieldError
from peel.consultation.domain.questions import AnswerRefused, Text

ZERO, HUNDRED, PENNY = Decimal(0), Decimal(100), Decimal("0.01")
ALLOCATION_FIELDS = ("changes_percent", "precept_change")


@dataclass(frozen=True, slots=True)
class Consequence:
    """What a change of ``change_percent`` to a line would mean for the public."""

    change_percent: Decimal
    text: Text


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One service line: what it costs now and how far a resident may move it."""

    key: str
    text: Text
    current_spend: Decimal
    min_change_percent: Decimal
    max_change_percent: Decimal
    step_percent: Decimal
    consequences: tuple[Consequence, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.key!r} ({self.text.en})"

    def steps(self) -> tuple[Decimal, ...]:
        """Every change a resident may choose, lowest first."""
        count = int((self.max_change_percent - self.min_change_percent) / self.step_percent)
        return tuple(self.min_change_percent + i * self.step_percent for i in range(count + 1))

    def spend_change(self, change_percent: Decimal) -> Decimal:
        return self.current_spend * change_percent / HUNDRED

    def consequence_of(self, change_percent: Decimal) -> Text | None:
        return next((c.text for c in self.consequences if c.change_percent == change_percent), None)

    def refusal(self, change: Decimal) -> str | None:
        """Why a change of ``change`` per cent is not allowed for this line; None when it is."""
        low, high, step = self.min_change_percent, self.max_change_percent, self.step_percent
        if not low <= change <= high:
            return (f"the change for {self.name} must be between {percent(low)} and {percent(high)}, "
                    f"not {percent(change)}")
        if change % step:
            below = (change / step).to_integral_value(ROUND_FLOOR) * step
            return (f"the change for {self.name} must be in steps of {percent(step, signed=False)} "
                    f"(such as {percent(below)} or {percent(below + step)}), not {percent(change)}")
        return None

    def problems(self) -> list[FieldError]:
        """What is wrong with this line's definition, located relative to the line."""
        problems = _limit_problems(self)
        if not problems:
            problems = [FieldError(("consequences", i, "change_percent"),
                                   f"{percent(c.change_percent)} is not a change residents can choose for this line")
                        for i, c in enumerate(self.consequences) if self.refusal(c.change_percent)]
        return problems

    def spec(self) -> BudgetLineSpec:
        return BudgetLineSpec(
            key=self.key, text=self.text.localised(), current_spend=float(self.current_spend),
            min_change_percent=float(self.min_change_percent), max_change_percent=float(self.max_change_percent),
            step_percent=float(self.step_percent),
        )


def _limit_problems(line: BudgetLine) -> list[FieldError]:
    low, high, step = line.min_change_percent, line.max_change_percent, line.step_percent
    checks = [
        (("current_spend",), line.current_spend < 0, "must not be negative"),
        (("min_change_percent",), low > 0, "must be 0 or less, so that leaving the line as it is is allowed"),
        (("min_change_percent",), low < -HUNDRED, "cannot cut a line by more than 100%"),
        (("max_change_percent",), high < 0, "must be 0 or more, so that leaving the line as it is is allowed"),
        (("step_percent",), step <= 0, "must be more than 0"),
    ]
    problems = [FieldError(where, reason) for where, failed, reason in checks if failed]
    if not problems and (low % step or high % step):
        problems.append(FieldError(("step_percent",), f"must divide both limits ({percent(low)} and {percent(high)}), "
                                                      "so that no change and each limit are steps"))
    return problems


@dataclass(frozen=True, slots=True)
class PreceptLever:
    """Raising Band D council tax by £1 a year brings in ``income_per_pound`` pounds a year."""

    band_d_current: Decimal
    max_change: Decimal
    income_per_pound: Decimal

    def income(self, change: Decimal) -> Decimal:
        return change * self.income_per_pound

    def refusal(self, change: Decimal) -> str | None:
        """Why a Band D change of ``change`` pounds a year is not allowed; None when it is."""
        if change < 0:
            return f"the precept change cannot be negative; choose from £0 to {money(self.max_change)} a year"
        if change > self.max_change:
            return f"a precept change of {money(change)} a year is above the cap of {money(self.max_change)}"
        if change != change.quantize(PENNY):
            return f"the precept change must be in whole pence, not £{change}"
        return None

    def problems(self) -> list[FieldError]:
        fields = {"band_d_current": self.band_d_current, "max_change": self.max_change,
                  "income_per_pound": self.income_per_pound}
        return [FieldError((name,), "must be more than 0") for name, value in fields.items() if value <= 0]

    def spec(self) -> PreceptLeverSpec:
        return PreceptLeverSpec(band_d_current=float(self.band_d_current), max_change=float(self.max_change),
                                income_per_pound=float(self.income_per_pound))


@dataclass(frozen=True, slots=True)
class Position:
    """Where a set of changes leaves the budget, in pounds a year."""

    spend_change: Decimal
    precept_income: Decimal

    @property
    def balance(self) -> Decimal:
        return self.spend_change - self.precept_income


@dataclass(frozen=True, slots=True)
class Allocation:
    """A resident's checked allocation: a change for every line and, with the lever, a precept change."""

    changes_percent: Mapping[str, Decimal]
    precept_change: Decimal | None
    position: Position

    def answer(self, question: str) -> BudgetAnswer:
        return BudgetAnswer(
            question=question, type="budget_allocation",
            changes_percent={key: float(change) for key, change in self.changes_percent.items()},
            precept_change=None if self.precept_change is None else float(self.precept_change),
        )


@dataclass(frozen=True, slots=True)
class Budget:
    lines: tuple[BudgetLine, ...]
    target_change: Decimal
    tolerance: Decimal
    precept: PreceptLever | None = None

    @property
    def line_keys(self) -> tuple[str, ...]:
        return tuple(line.key for line in self.lines)

    def line(self, key: str) -> BudgetLine | None:
        return next((line for line in self.lines if line.key == key), None)

    def position(self, changes_percent: Mapping[str, Decimal], precept_change: Decimal | None = None) -> Position:
        """The spending change and precept income of valid changes (the simulator's running total)."""
        spend = sum((line.spend_change(changes_percent.get(line.key, ZERO)) for line in self.lines), ZERO)
        income = self.precept.income(precept_change or ZERO) if self.precept else ZERO
        return Position(spend, income)

    def gap(self, position: Position) -> Decimal:
        """How far ``position`` is from the target: positive when more must be saved or raised."""
        return position.balance - self.target_change

    def check(self, value: object) -> Allocation:
        """The allocation ``value`` makes, or ``AnswerRefused`` with every problem located in ``parts``."""
        if not isinstance(value, Mapping):
            raise AnswerRefused('must be an object: {"changes_percent": {line: per cent, ...}, "precept_change": £}')
        changes, problems = self._read_changes(value.get("changes_percent"))
        precept_change, precept_problems = self._read_precept(value.get("precept_change"))
        problems += precept_problems + _unexpected_fields(value)
        allocation = Allocation(changes, precept_change, self.position(changes, precept_change))
        problems = problems or self._balance_problems(allocation.position)
        if problems:
            raise AnswerRefused("; ".join(p.reason for p in problems), parts=problems)
        return allocation

    def _read_changes(self, given: object) -> tuple[dict[str, Decimal], list[FieldError]]:
        if not isinstance(given, Mapping):
            return {}, [FieldError(("changes_percent",), f"must give the change in per cent for every line: "
                                                         f"{list(self.line_keys)}", "missing")]
        changes, problems = {}, []
        for key, change in given.items():
            reason = _line_refusal(self.line(key), key, change, self.line_keys)
            if reason:
                problems.append(FieldError(("changes_percent", key), reason))
            else:
                changes[key] = decimal(change)
        return changes, problems + self._missing_lines(given)

    def _missing_lines(self, given: Mapping[object, object]) -> list[FieldError]:
        return [FieldError(("changes_percent", line.key), f"no change given for {line.name}; give 0 to leave it "
                                                          "as it is", "missing")
                for line in self.lines if line.key not in given]

    def _read_precept(self, given: object) -> tuple[Decimal | None, list[FieldError]]:
        lever, where = self.precept, ("precept_change",)
        if given is None:
            return (ZERO if lever else None), []
        if not is_number(given):
            return None, [FieldError(where, "must be a number of pounds a year")]
        change = decimal(given)
        if lever is None:
            return None, [] if change == 0 else [FieldError(where, "this budget has no precept lever; leave it out")]
        reason = lever.refusal(change)
        return (None, [FieldError(where, reason)]) if reason else (change, [])

    def _balance_problems(self, position: Position) -> list[FieldError]:
        gap = self.gap(position)
        if abs(gap) <= self.tolerance:
            return []
        verdict = (f"{money(gap)} more must be saved or raised" if gap > 0
                   else f"it saves or raises {money(-gap)} more than needed")
        return [FieldError((), f"does not balance: {verdict} ({self._account(position)})", "unbalanced")]

    def _account(self, position: Position) -> str:
        precept = f", the precept raises {money(position.precept_income)}" if self.precept else ""
        return (f"spending changes by {money(position.spend_change, signed=True)}{precept}: a balance of "
                f"{money(position.balance, signed=True)} against a target of {money(self.target_change, signed=True)}"
                f", give or take {money(self.tolerance)}")

    def problems(self) -> list[FieldError]:
        """What is wrong with this budget's definition, located relative to the budget."""
        problems = [FieldError(("lines",), "a budget needs at least one line")] if not self.lines else []
        problems += [FieldError(("lines", i, *p.location), p.reason) for i, line in enumerate(self.lines)
                     for p in [*_repeat_problems(self.lines, i), *line.problems()]]
        problems += [FieldError(("tolerance",), "must not be negative")] if self.tolerance < 0 else []
        if self.precept:
            problems += [FieldError(("precept", *p.location), p.reason) for p in self.precept.problems()]
        return problems or self._reach_problems()

    def _reach_problems(self) -> list[FieldError]:
        lowest = self.position({line.key: line.min_change_percent for line in self.lines},
                               self.precept.max_change if self.precept else None).balance
        highest = self.position({line.key: line.max_change_percent for line in self.lines}).balance
        if self.target_change + self.tolerance < lowest:
            return [FieldError(("target_change",), f"cannot be reached: the lowest balance the changes allow is "
                                                   f"{money(lowest, signed=True)}")]
        if self.target_change - self.tolerance > highest:
            return [FieldError(("target_change",), f"cannot be reached: the highest balance the changes allow is "
                                                   f"{money(highest, signed=True)}")]
        return []

    def spec(self) -> BudgetSpec:
        return BudgetSpec(lines=tuple(line.spec() for line in self.lines), target_change=float(self.target_change),
                          tolerance=float(self.tolerance), precept=self.precept.spec() if self.precept else None)


def _unexpected_fields(value: Mapping[object, object]) -> list[FieldError]:
    return [FieldError((str(name),), f"unexpected field {name!r}; give only {list(ALLOCATION_FIELDS)}")
            for name in value if name not in ALLOCATION_FIELDS]


def _repeat_problems(lines: tuple[BudgetLine, ...], i: int) -> list[FieldError]:
    earlier = [line.key for line in lines[:i]]
    return [FieldError(("key",), f"{lines[i].key!r} is already the key of an earlier line")] \
        if lines[i].key in earlier else []


def _line_refusal(line: BudgetLine | None, key: object, change: object, keys: tuple[str, ...]) -> str | None:
    if line is None:
        return f"{key!r} is not a budget line; the lines are {list(keys)}"
    if not is_number(change):
        return f"the change for {line.name} must be a number (per cent)"
    return line.refusal(decimal(change))


def is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool) and Decimal(str(value)).is_finite()


def decimal(value: int | float | Decimal | object) -> Decimal:
    """A JSON number as the decimal its digits show (2.3 is 2.3, not the nearest binary fraction)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def money(amount: Decimal, *, signed: bool = False) -> str:
    """Pounds to the penny (halves rounded up), e.g. £1,234.50; with ``signed``, +£5.00 or -£5.00."""
    shown = f"£{abs(amount).quantize(PENNY, ROUND_HALF_UP):,}"
    sign = "-" if amount < 0 else ("+" if signed and amount > 0 else "")
    return sign + shown


def percent(amount: Decimal, *, signed: bool = True) -> str:
    """A percentage as written: +5%, -2.5%, 0%."""
    shown = f"{abs(amount).normalize():f}%"
    sign = "-" if amount < 0 else ("+" if signed and amount > 0 else "")
    return sign + shown
