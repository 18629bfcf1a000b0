"""What the fake Notify checks of each request, as Notify does: the JWT, the rate, the recipient."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

import jwt

TEMPORARY = frozenset({"temp-fail@simulator.notify", "07700900003", "+447700900003"})
PERMANENT = frozenset({"perm-fail@simulator.notify", "07700900002", "+447700900002"})


def outcome_for(recipient: str) -> str:
    """The status its receipt will report: the magic recipients fail; anyone else is delivered."""
    key = "".join(recipient.split()).lower()
    if key in TEMPORARY:
        return "temporary-failure"
    if key in PERMANENT:
        return "permanent-failure"
    return "delivered"


def token_problem(authorization: str, service_id: str, secret: str, skew: int, now: float) -> str | None:
    """Why a bearer token is refused (Notify's words), or ``None`` when it is good."""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return "Unauthorized: authentication token must be provided"
    try:
        claims = jwt.decode(token.strip(), secret, algorithms=["HS256"], options={"verify_iat": False})
    except jwt.PyJWTError:
        return "Invalid token: API key not found"
    if claims.get("iss") != service_id:
        return "Invalid token: service not found"
    iat = claims.get("iat")
    if not isinstance(iat, int | float) or abs(now - iat) > skew:
        return "Error: Your system clock must be accurate to within 30 seconds"
    return None


class SlidingWindow:
    """At most ``limit`` requests in any 60 seconds (Notify: 3,000 per key)."""

    def __init__(self, limit: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self._clock = clock
        self._times: deque[float] = deque()

    def allow(self) -> bool:
        now = self._clock()
        while self._times and now - self._times[0] >= 60:
            self._times.popleft()
        if len(self._times) >= self.limit:
            return False
        self._times.append(now)
        return True
