"""Schemathesis run against a service's OpenAPI document: no request may answer 500."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


async def fuzz(base_url: str, token: str, config: Path | None = None) -> tuple[int, str]:
    """Run schemathesis against the service; ``config`` pins path parameters to real resources."""
    command = [
        str(SCHEMATHESIS), *(["--config-file", str(config)] if config else []),
        "run", f"{base_url}/openapi.json", "--url", base_url,
        "--checks", "not_a_server_error", "--max-examples", "12", "--generation-deterministic",
        "--phases", "examples,coverage,fuzzing", "--header", f"Authorization: Bearer {token}",
        "--request-timeout", "10", "--no-color",
    ]
    process = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.PIPE,
                                                   stderr=asyncio.subprocess.STDOUT)
    output, _ = await process.communicate()
    return process.returncode or 0, output.decode(errors="replace")


def assert_no_500(code: int, output: str) -> None:
    assert code == 0, output[-6000:]
    tested = int(re.search(r"Tested: (\d+)", output).group(1))
    assert tested > 0 and " generated, " in output
