from datetime import UTC, datetime, timedelta

from peel.common.retries import Backoff, PermanentFailure, TemporaryFailure

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
BACKOFF = Backoff(5, timedelta(seconds=30), timedelta(minutes=2))


def test_temporary_failures_wait_twice_as_long_each_time_up_to_the_longest_wait():
    waits = [BACKOFF.next_attempt(TemporaryFailure("busy"), attempts, NOW) - NOW for attempts in (1, 2, 3, 4)]
    assert waits == [timedelta(seconds=30), timedelta(seconds=60), timedelta(minutes=2), timedelta(minutes=2)]


def test_the_last_attempt_and_permanent_failures_end_it():
    assert BACKOFF.next_attempt(TemporaryFailure("busy"), 5, NOW) is None
    assert BACKOFF.next_attempt(PermanentFailure("no such user"), 1, NOW) is None
