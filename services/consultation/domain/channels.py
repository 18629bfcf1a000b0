"""Responses staff key in on a resident's behalf, from a paper form, a telephone call or an event.

Each keeps its channel, who keyed it in and the day the form or call was received, so that results are shown by
channel and never silently pooled with the responses residents gave online.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from peel.common.contracts.consultation import Channel
from peel.common.errors import FieldError
from peel.common.working_days import local_date

ASSISTED_CHANNELS: tuple[Channel, ...] = ("paper", "telephone", "event")


@dataclass(frozen=True, slots=True)
class KeyedIn:
    """Who keyed a response in, from which channel, and when the office received it (``None``: the day keyed)."""

    channel: Channel
    keyed_by: str
    received_on: date | None = None

    def problems(self, now: datetime) -> list[FieldError]:
        """What is wrong with it, reported beside the answers' own mistakes."""
        problems = []
        if self.channel not in ASSISTED_CHANNELS:
            problems.append(FieldError(("channel",), f"staff key in only {', '.join(ASSISTED_CHANNELS)} responses",
                                       "not_assisted"))
        if self.received_on and self.received_on > local_date(now):
            problems.append(FieldError(("received_on",), "is in the future; give the day the form or call was "
                                                         "received", "in_the_future"))
        return problems

    def dated(self, now: datetime) -> KeyedIn:
        """With the day it was received, which is the day it is keyed in unless the office said otherwise."""
        return self if self.received_on else replace(self, received_on=local_date(now))
