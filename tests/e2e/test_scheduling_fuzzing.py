"""No request to the scheduling API answers 500, whatever its body (schemathesis)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.fuzzing import SCHEMATHESIS, assert_no_500, fuzz
from tests.support.platform import Scheduling
from tests.support.scheduling_assemblies import set_up
from tests.support.scheduling_surgeries import add_venue, book, schedule
from tests.support.tokens import bearer

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(shutil.which(str(SCHEMATHESIS)) is None, reason="schemathesis is a dev dependency")]


async def test_no_request_about_real_resources_answers_500(scheduling: Scheduling, token, tmp_path: Path):
    admin = token("cheshire", "admin")
    client = scheduling.client
    venue = await add_venue(client, bearer(admin))
    session = await schedule(client, bearer(admin), ends="10:15")
    booked = (await book(client, session["id"], 0)).json()
    assembly, _ = await set_up(scheduling, bearer(admin), households=2)
    ids = {"tenant": "cheshire", "venue_id": venue["id"], "session_id": session["id"], "booking_id": booked["id"],
           "assembly_id": assembly["id"], "token": booked["token"]}
    config = tmp_path / "schemathesis.toml"
    config.write_text("[parameters]\n" + "".join(f'"path.{name}" = "{value}"\n' for name, value in ids.items()
                                                 if name != "token") + f'"query.token" = "{ids["token"]}"\n')
    assert_no_500(*await fuzz(str(client.base_url).rstrip("/"), admin, config))
    assert_no_500(*await fuzz(str(client.base_url).rstrip("/"), admin))
