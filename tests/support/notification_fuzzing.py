"""Schemathesis against some of the notifications service's routes, their path parameters pinned to real
resources: no request may answer 500."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import httpx
import pytest

from tests.support.fuzzing import SCHEMATHESIS, assert_no_500

needs_schemathesis = pytest.mark.skipif(shutil.which(str(SCHEMATHESIS)) is None,
                                        reason="schemathesis is a dev dependency")


async def assert_routes_never_500(api: httpx.AsyncClient, token: str, paths: str, parameters: dict[str, str],
                                  folder: Path) -> None:
    """Fuzzes the routes whose path matches the regular expression ``paths`` as the holder of ``token``."""
    config = folder / "schemathesis.toml"
    config.write_text("[parameters]\n" + "".join(f'"path.{name}" = "{value}"\n' for name, value in parameters.items()))
    base = str(api.base_url).rstrip("/")
    process = await asyncio.create_subprocess_exec(
        str(SCHEMATHESIS), "--config-file", str(config), "run", f"{base}/openapi.json", "--url", base,
        "--include-path-regex", paths, "--checks", "not_a_server_error", "--max-examples", "30",
        "--generation-deterministic", "--phases", "examples,coverage,fuzzing", "--header",
        f"Authorization: Bearer {token}", "--request-timeout", "10", "--no-color",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await process.communicate()
    assert_no_500(process.returncode or 0, output.decode(errors="replace"))
