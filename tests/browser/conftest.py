"""Chromium for the browser tests: one browser for the run, and a fresh context per resident.

Without Chromium the tests are skipped on a developer's machine (``make test`` installs it) and fail in CI.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from importlib.metadata import version
from typing import Any

import pytest
from playwright.async_api import Browser, async_playwright

from tests.support.browser import CHROMIUM_ARGS, REPORT, OpenResident, Resident, chromium_path, open_resident
from tests.support.web_platform import WebPlatform, web_platform

log = logging.getLogger(__name__)
VERSIONS = pytest.StashKey[str]()


@pytest.fixture(scope="session")
async def browser(request: pytest.FixtureRequest) -> AsyncIterator[Browser]:
    executable = chromium_path()
    if not executable.exists():
        message = f"{executable} not found: `make test` installs it (deploy/local/chromium.sh install)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    REPORT.start()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        versions = f"Chromium {launched.version} ({executable}), Playwright {version('playwright')}"
        log.info("browser tests use %s", versions)
        request.config.stash[VERSIONS] = versions
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
async def resident(browser: Browser) -> AsyncIterator[OpenResident]:
    """``await resident(js=False, width=320)``: a new resident's browser. None of them may reach another host."""
    opened: list[Resident] = []

    async def open_one(**options: Any) -> Resident:
        opened.append(await open_resident(browser, **options))
        return opened[-1]

    yield open_one
    for one in opened:
        await one.context.close()
    for one in opened:
        one.assert_only_local_requests()


@pytest.fixture
async def site(infra, new_database, topic_prefix, key_dir) -> AsyncIterator[WebPlatform]:
    """The whole platform with its pages in front: what a resident's browser opens is ``site.url``."""
    async with web_platform(infra, new_database, topic_prefix, key_dir) as platform:
        yield platform


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    versions = config.stash.get(VERSIONS, None)
    if versions:
        terminalreporter.write_line(f"browser tests: {versions}; {len(REPORT.audits)} axe audits in {REPORT.path}")
