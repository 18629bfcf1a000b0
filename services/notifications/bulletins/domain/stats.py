"""A bulletin's live statistics, counted from its messages as they stand (never from counters that drift)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

QUEUED = ("created", "sending")
FAILED = ("permanent-failure", "temporary-failure", "technical-failure")


@dataclass(frozen=True, slots=True)
class StatusCount:
    """How many of the bulletin's messages have this status (and reason)."""

    status: str
    reason: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Stats:
    status: str
    queued: int = 0
    sent: int = 0
    delivered: int = 0
    failed: int = 0
    suppressed: int = 0
    held: int = 0
    cancelled: int = 0
    unsubscribed: int = 0
    digest: int = 0
    suppressed_by_reason: dict[str, int] = field(default_factory=dict)
    held_by_reason: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Messages written, plus digest entries."""
        return (self.queued + self.sent + self.delivered + self.failed + self.suppressed + self.held
                + self.cancelled + self.digest)


def stats_of(status: str, counts: Iterable[StatusCount], digest: int, unsubscribed: int) -> Stats:
    """``sent`` counts hand-overs without a receipt to come and ``delivered`` confirmed deliveries, so a message
    counts once; ``queued`` is created or sending; ``failed`` is any of Notify's three failures."""
    totals: dict[str, int] = {}
    suppressed: dict[str, int] = {}
    held: dict[str, int] = {}
    for count in counts:
        group = _group(count.status)
        totals[group] = totals.get(group, 0) + count.count
        if group in ("suppressed", "held"):
            by_reason = suppressed if group == "suppressed" else held
            reason = count.reason or "unknown"
            by_reason[reason] = by_reason.get(reason, 0) + count.count
    return Stats(status=status, digest=digest, unsubscribed=unsubscribed, suppressed_by_reason=suppressed,
                 held_by_reason=held, **totals)


def _group(status: str) -> str:
    if status in QUEUED:
        return "queued"
    return "failed" if status in FAILED else status
