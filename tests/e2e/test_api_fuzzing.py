"""No request to the consultation or reporting APIs answers 500, whatever its body (schemathesis)."""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.conftest import Platform, bearer
from tests.e2e.test_consultation_flow import create_open

pytestmark = pytest.mark.e2e
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


@pytest.mark.skipif(shutil.which(str(SCHEMATHESIS)) is None, reason="schemathesis is a dev dependency")
@pytest.mark.parametrize("service", ["consultation", "reporting"])
async def test_no_request_answers_500(platform: Platform, token, service: str):
    client = getattr(platform, service)
    assert_no_500(*await fuzz(str(client.base_url).rstrip("/"), token("cheshire", "admin")))


@pytest.mark.skipif(shutil.which(str(SCHEMATHESIS)) is None, reason="schemathesis is a dev dependency")
async def test_no_request_about_real_resources_answers_500(platform: Platform, token, tmp_path: Path):
    """Fuzzed bodies, queries and headers against an open consultation, a response and a Panel meeting."""
    admin = token("cheshire", "admin")
    ids = await real_resources(platform, bearer(admin))
    config = tmp_path / "schemathesis.toml"
    config.write_text("[parameters]\n" + "".join(f'"path.{name}" = "{value}"\n' for name, value in ids.items()))
    for service in ("consultation", "reporting"):
        assert_no_500(*await fuzz(str(getattr(platform, service).base_url).rstrip("/"), admin, config))


async def real_resources(platform: Platform, admin: dict[str, str]) -> dict[str, str]:
    consultation_id = await create_open(platform, admin)
    submitted = await platform.consultation.post(f"/v1/consultations/{consultation_id}/responses",
                                                 json={"answers": {"priority": "asb", "comments": "More patrols"},
                                                       "publish_consent": True})
    starts_at = (datetime.now(UTC) + timedelta(days=60)).isoformat()
    meeting = await platform.consultation.post("/v1/panel/meetings", headers=admin, json={
        "starts_at": starts_at, "title": {"en": "Police and Crime Panel"}, "venue": {"en": "Wyvern House"}})
    assert (submitted.status_code, meeting.status_code) == (201, 201), (submitted.text, meeting.text)
    return {"consultation_id": consultation_id, "response_id": submitted.json()["id"],
            "meeting_id": meeting.json()["id"]}
