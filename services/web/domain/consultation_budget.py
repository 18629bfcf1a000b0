"""The budget simulator's running total, shown on its page after each update. Only a display: whether the budget
balances is the consultation service's rule, given by its check call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any


@dataclass(frozen=True)
class RunningTotal:
    spend_change: Decimal  # pounds a year, all lines together
    precept_income: Decimal
    target_change: Decimal

    @property
    def balance(self) -> Decimal:
        return self.spend_change - self.precept_income

    @property
    def still_to_find(self) -> Decimal:
        """Positive: more to save or raise; negative: more saved or raised than needed."""
        return self.balance - self.target_change


def running_total(budget: Mapping[str, Any], changes: Mapping[str, Any], precept_change: Any = None) -> RunningTotal:
    """Where the changes entered (per cent per line field value, pounds for the precept) leave the budget."""
    spend = sum((_number(line["current_spend"]) * _number(changes.get(line["key"])) / 100
                 for line in budget.get("lines", [])), Decimal(0))
    lever = budget.get("precept")
    income = _number(precept_change) * _number(lever["income_per_pound"]) if lever else Decimal(0)
    return RunningTotal(spend, income, _number(budget.get("target_change")))


def consequence(line: Mapping[str, Any], change: Any) -> Mapping[str, Any] | None:
    """What the office says a line's change would mean, if it says anything for that change."""
    wanted = _number(change)
    return next((c["text"] for c in line.get("consequences") or [] if _number(c["change_percent"]) == wanted), None)


def _number(value: Any) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else Decimal(0)
    except InvalidOperation:
        return Decimal(0)
