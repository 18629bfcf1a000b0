"""Bounded retries with backoff for work that depends on another system (a mail server, another service).

Like GOV.UK Notify: a permanent failure stops at once, a temporary one is tried again, later
each time, until the attempts run out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from pydantic import BaseModel, Field


class DeliveryFailure(Exception):
    """The other system did not take what was sent; the message says why, without personal data."""

    permanent: ClassVar[bool] = False


class TemporaryFailure(DeliveryFailure):
    """Worth trying again later: the other side is down, busy or did not answer in time."""


class PermanentFailure(DeliveryFailure):
    """Trying again would fail the same way: the address or the request itself is refused."""

    permanent = True


class TechnicalFailure(PermanentFailure):
    """Our own side is wrong (nothing is configured to send the channel): no retry, and no fault of the address."""


class ProviderUnavailable(TemporaryFailure):
    """The other system itself is out of reach or overloaded (no server, a refused or dropped connection, no
    answer in time, its own 5xx or 429): no fault of the message, so it does not use up the message's attempts."""


@dataclass(frozen=True, slots=True)
class OutagePause:
    """How long a channel rests after its provider was found unavailable, ``first`` then doubling up to
    ``longest`` while the outage lasts."""

    first: timedelta = timedelta(seconds=30)
    longest: timedelta = timedelta(minutes=5)

    def after(self, outages: int) -> timedelta:
        """The pause after ``outages`` outages in a row (1: the first)."""
        return min(self.first * 2 ** max(outages - 1, 0), self.longest)


@dataclass(frozen=True, slots=True)
class Backoff:
    most_attempts: int = 5
    first_delay: timedelta = timedelta(seconds=30)
    longest_delay: timedelta = timedelta(hours=1)

    def next_attempt(self, failure: DeliveryFailure, attempts: int, now: datetime) -> datetime | None:
        """When to try again after ``attempts`` tries, the last ending in ``failure``; ``None``: give up."""
        if failure.permanent or attempts >= self.most_attempts:
            return None
        return now + min(self.first_delay * 2 ** max(attempts - 1, 0), self.longest_delay)


@dataclass(frozen=True, slots=True)
class Delivery:
    """How a background sender works through what is due: in batches, each claim leased to one sender for
    ``lease`` (longer than one attempt can take), failures retried by ``backoff``, a provider found unavailable
    rested by ``outage`` (its messages wait without using up their attempts)."""

    backoff: Backoff = Backoff()
    lease: timedelta = timedelta(minutes=5)
    batch_size: int = 20
    outage: OutagePause = OutagePause()


class DeliverySettings(BaseModel):
    """A background sender's settings, alike in every service that has one (``PEEL_<SERVICE>_DELIVERY_*``)."""

    delivery_poll_seconds: float = Field(1.0, gt=0, description="How often what is due to be sent is looked for")
    delivery_batch_size: int = Field(20, ge=1, le=1000)
    delivery_max_attempts: int = Field(5, ge=1, le=50, description="Attempts before sending has failed")
    delivery_retry_seconds: float = Field(30.0, gt=0, description="The wait before the first retry; it doubles")
    delivery_retry_max_seconds: float = Field(3600.0, gt=0, description="The longest wait between attempts")
    delivery_lease_seconds: float = Field(300.0, gt=0, description="How long a claim is left to its sender before "
                                                                   "another may take it over")
    delivery_outage_seconds: float = Field(30.0, gt=0, description="How long a channel rests when its provider is "
                                                                   "out of reach; it doubles while the outage lasts")
    delivery_outage_max_seconds: float = Field(300.0, gt=0, description="The longest rest in an outage")

    def delivery(self) -> Delivery:
        backoff = Backoff(self.delivery_max_attempts, timedelta(seconds=self.delivery_retry_seconds),
                          timedelta(seconds=self.delivery_retry_max_seconds))
        outage = OutagePause(timedelta(seconds=self.delivery_outage_seconds),
                             timedelta(seconds=self.delivery_outage_max_seconds))
        return Delivery(backoff, timedelta(seconds=self.delivery_lease_seconds), self.delivery_batch_size, outage)
