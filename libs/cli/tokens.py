"""``peel keys`` and ``peel token``: the development key pair and tokens signed with it."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from peel.common.auth import Role
from peel.common.auth.keys import ensure_key_pair, mint_token
from peel.common.settings import local_dir


def register(commands: argparse._SubParsersAction) -> None:
    keys = commands.add_parser("keys", help="create the development JWT key pair (once)")
    keys.set_defaults(run=run_keys)
    token = commands.add_parser("token", help="print a development access token")
    token.add_argument("--tenant", required=True, help="the PCC office, e.g. cheshire")
    token.add_argument("--role", action="append", default=[], choices=[r.value for r in Role],
                       help="a staff role (repeatable)")
    token.add_argument("--scope", action="append", default=[], help="a machine-client scope (repeatable)")
    token.add_argument("--subject", help="the sub claim (default: a random development user)")
    token.add_argument("--ttl", type=int, default=8 * 3600, help="seconds until it expires (default 8 hours)")
    token.set_defaults(run=run_token)


def run_keys(_: argparse.Namespace) -> int:
    private, public = ensure_key_pair(local_dir() / "keys")
    print(f"development keys: {private} {public}")
    return 0


def run_token(arguments: argparse.Namespace) -> int:
    if not arguments.role and not arguments.scope:
        raise SystemExit("peel token: give at least one --role or --scope")
    print(development_token(arguments.tenant, arguments.role, arguments.scope, arguments.subject, arguments.ttl))
    return 0


def development_token(
    tenant: str, roles: Sequence[str], scopes: Sequence[str] = (), subject: str | None = None, ttl: int = 3600
) -> str:
    """A token signed with the development key, for the issuer and audience the services expect."""
    private, _ = ensure_key_pair(local_dir() / "keys")
    return mint_token(
        private.read_bytes(), tenant=tenant, roles=roles, scopes=scopes, subject=subject, ttl_seconds=ttl,
        issuer=os.environ.get("PEEL_AUTH_ISSUER", "peel-development"),
        audience=os.environ.get("PEEL_AUTH_AUDIENCE", "peel"),
    )
