import time

import jwt
import pytest

from peel.common.auth import InvalidToken, Principal, TokenVerifier
from peel.common.auth.keys import generate_key_pair, mint_token
from peel.common.http.ratelimit import RateLimiter

PRIVATE, PUBLIC = generate_key_pair()
OTHER_PRIVATE, _ = generate_key_pair()
VERIFIER = TokenVerifier(issuer="peel-test", audience="peel", public_key=PUBLIC.decode())


def token(**overrides) -> str:
    arguments = {"tenant": "cheshire", "roles": ["analyst"], "issuer": "peel-test", "audience": "peel"} | overrides
    return mint_token(overrides.pop("key", PRIVATE), **{k: v for k, v in arguments.items() if k != "key"})


async def test_a_good_token_gives_the_principal():
    principal = await VERIFIER.verify(token(roles=["analyst", "viewer"], scopes=["reporting:read"], subject="u1"))
    assert principal == Principal("u1", "cheshire", frozenset({"analyst", "viewer"}), frozenset({"reporting:read"}))


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"issuer": "someone-else"}, "issuer"),
        ({"audience": "another-api"}, "(?i)audience"),
        ({"ttl_seconds": -10}, "expired"),
        ({"key": OTHER_PRIVATE}, "Signature"),
        ({"tenant": "Bad Tenant!"}, "tenant"),
    ],
)
async def test_bad_tokens_are_refused(overrides, reason):
    with pytest.raises(InvalidToken, match=reason):
        await VERIFIER.verify(token(**overrides))


async def test_unknown_roles_are_dropped_and_unsigned_tokens_refused():
    principal = await VERIFIER.verify(token(roles=["superuser", "viewer"]))
    assert principal.roles == frozenset({"viewer"})
    unsigned = jwt.encode({"sub": "x", "tenant": "cheshire", "exp": int(time.time()) + 60,
                           "iss": "peel-test", "aud": "peel"}, key=None, algorithm="none")
    with pytest.raises(InvalidToken):
        await VERIFIER.verify(unsigned)


def test_principal_may_by_role_or_scope():
    officer = Principal("u", "cheshire", frozenset({"engagement_officer"}), frozenset())
    system = Principal("svc", "cheshire", frozenset(), frozenset({"consultations:write"}))
    editors, writes = frozenset({"admin", "engagement_officer"}), frozenset({"consultations:write"})
    assert officer.may(editors, writes) and system.may(editors, writes)
    assert not Principal("v", "cheshire", frozenset({"viewer"}), frozenset()).may(editors, writes)


def test_rate_limiter_allows_a_burst_then_asks_to_wait_and_refills():
    now = [0.0]
    limiter = RateLimiter(3, clock=lambda: now[0])
    assert [limiter.take("203.0.113.9") for _ in range(3)] == [0, 0, 0]
    assert limiter.take("203.0.113.9") == pytest.approx(20.0)
    assert limiter.take("198.51.100.7") == 0
    now[0] = 20.0
    assert limiter.take("203.0.113.9") == 0
