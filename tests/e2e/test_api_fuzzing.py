"""No request to the consultation or reporting APIs answers 500, whatever its body (schemathesis)."""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import Platform

pytestmark = pytest.mark.e2e
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


async def fuzz(base_url: str, token: str) -> tuple[int, str]:
    command = [
        str(SCHEMATHESIS), "run", f"{base_url}/openapi.json", "--url", base_url,
        "--checks", "not_a_server_error", "--max-examples", "12", "--generation-deterministic",
        "--phases", "examples,coverage,fuzzing", "--header", f"Authorization: Bearer {token}",
        "--request-timeout", "10", "--no-color",
    ]
    process = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.PIPE,
                                                   stderr=asyncio.subprocess.STDOUT)
    output, _ = await process.communicate()
    return process.returncode or 0, output.decode(errors="replace")


@pytest.mark.skipif(shutil.which(str(SCHEMATHESIS)) is None, reason="schemathesis is a dev dependency")
@pytest.mark.parametrize("service", ["consultation", "reporting"])
async def test_no_request_answers_500(platform: Platform, token, service: str):
    client = getattr(platform, service)
    code, output = await fuzz(str(client.base_url).rstrip("/"), token("cheshire", "admin"))
    assert code == 0, output[-6000:]
    tested = int(re.search(r"Tested: (\d+)", output).group(1))
    assert tested > 0 and " generated, " in output
