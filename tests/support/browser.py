"""Pages in Debian's Chromium through Playwright: residents (one browser context each), axe audits, reflow and
keyboard checks.

The axe results of a run go to ``build/axe-report.json`` and a screenshot of every audited page to
``build/screenshots/<label>.png``.
"""

from __future__ import annotations

import json
import os
import re
import threading
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Browser, BrowserContext, ConsoleMessage, Page, Request

REPO = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO / "services/web/node_modules/axe-core/axe.min.js"
BUILD = REPO / "build"
AXE_REPORT = BUILD / "axe-report.json"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = ("serious", "critical")
APP_HOSTS = frozenset({"127.0.0.1", "localhost"})
NETWORK_SCHEMES = frozenset({"http", "https", "ws", "wss"})
_SCRIPTS_OFF: weakref.WeakSet[Page] = weakref.WeakSet()  # pages of contexts with JavaScript disabled


def chromium_path() -> Path:
    """The browser the tests launch: ``PEEL_CHROMIUM``, or Debian's /usr/bin/chromium."""
    return Path(os.environ.get("PEEL_CHROMIUM", "/usr/bin/chromium"))


def foreign_requests(urls: list[str], hosts: frozenset[str] = APP_HOSTS) -> list[str]:
    """The requests that went over the network to a host other than the app's."""
    return [url for url in urls if urlsplit(url).scheme in NETWORK_SCHEMES and urlsplit(url).hostname not in hosts]


@dataclass
class Resident:
    """One resident's browser: a fresh context and page, with every request and console error it saw."""

    context: BrowserContext
    page: Page
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def assert_only_local_requests(self) -> None:
        foreign = foreign_requests(self.requests)
        assert not foreign, f"the page asked hosts other than the app's: {foreign}"

    def assert_no_console_errors(self) -> None:
        assert not self.console_errors, "the browser console reported errors:\n" + "\n".join(self.console_errors)


OpenResident = Callable[..., Awaitable[Resident]]  # the ``resident`` fixture: ``await resident(js=False)``


async def open_resident(browser: Browser, *, js: bool = True, width: int = 1024, height: int = 768,
                        **options: Any) -> Resident:
    """A new context (JavaScript on or off) and page at ``width`` x ``height`` CSS pixels."""
    context = await browser.new_context(java_script_enabled=js, viewport={"width": width, "height": height},
                                        **options)
    resident = Resident(context, await context.new_page())
    if not js:
        _SCRIPTS_OFF.add(resident.page)
    context.on("request", lambda request: _record_request(resident, request))
    resident.page.on("console", lambda message: _record_console(resident, message))
    resident.page.on("pageerror", lambda error: resident.console_errors.append(f"uncaught: {error}"))
    return resident


def _record_request(resident: Resident, request: Request) -> None:
    resident.requests.append(request.url)


def _record_console(resident: Resident, message: ConsoleMessage) -> None:
    if message.type == "error":
        resident.console_errors.append(f"{message.text} ({message.location.get('url', '')})")


# ---------------------------------------------------------------------------------------------------------------
# axe
# ---------------------------------------------------------------------------------------------------------------

# With JavaScript disabled the browser runs no timer (nor queueMicrotask) callbacks, only promise reactions, and axe
# waits on zero-delay timers: during the audit those run as promise reactions, and the long ones (axe's time limits
# for frames and preloads) never fire.
RUN_AXE = """async ([tags, scriptsOff]) => {
  const setTimeout = window.setTimeout;
  if (scriptsOff) {
    window.setTimeout = (callback, delay, ...args) => {
      if (!(delay > 1)) Promise.resolve().then(() => callback(...args));
      return 0;
    };
  }
  try {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return {
      version: axe.version,
      violations: result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((node) => node.target.join(" ")),
      })),
    };
  } finally {
    window.setTimeout = setTimeout;
  }
}"""


class AxeReport:
    """The audits of one test run, rewritten whole (and atomically) to ``path`` after each audit; the screenshots
    go to the ``screenshots`` folder beside it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.screenshots = path.parent / "screenshots"
        self.audits: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        """A new run: the last run's report goes."""
        with self._lock:
            self.audits.clear()
            self.path.unlink(missing_ok=True)

    def add(self, audit: dict[str, Any]) -> None:
        with self._lock:
            self.audits.append(audit)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            partial.write_text(json.dumps({"audits": self.audits}, indent=2) + "\n")
            partial.replace(self.path)


REPORT = AxeReport(AXE_REPORT)


async def audit(page: Page, label: str, report: AxeReport = REPORT) -> list[dict[str, Any]]:
    """Run axe (WCAG 2.2 A/AA and best practice) on the page as it is now; record it and take a screenshot.

    Fails when a violation is serious or critical; returns every violation (lesser ones included). The page is
    audited once it has loaded with its styles: a page caught mid-navigation has no layout to judge.
    """
    await page.wait_for_load_state("load")
    await _inject_axe(page)
    found = await page.evaluate(RUN_AXE, [AXE_TAGS, page in _SCRIPTS_OFF])
    violations = found["violations"]
    report.add({"label": label, "url": page.url, "axe": found["version"], "violations": violations})
    report.screenshots.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=report.screenshots / f"{_file_name(label)}.png", full_page=True)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found serious or critical problems on {label} ({page.url}):\n" + "\n".join(
        f"  {v['impact']} {v['id']}: {v['help']} at {v['targets']}" for v in blocking)
    return violations


async def _inject_axe(page: Page) -> None:
    """Through the DevTools protocol, so it works with JavaScript disabled and under a strict CSP."""
    if not AXE_SCRIPT.exists():
        raise AssertionError(f"{AXE_SCRIPT} is missing: run `make setup` (it installs the web service's npm packages)")
    if not await page.evaluate("typeof window.axe === 'object'"):
        await page.evaluate(AXE_SCRIPT.read_text())


def _file_name(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", label).strip("-") or "page"


# ---------------------------------------------------------------------------------------------------------------
# Reflow and keyboard
# ---------------------------------------------------------------------------------------------------------------

async def assert_reflows(page: Page, width: int = 320) -> None:
    """WCAG 1.4.10: at 320 CSS pixels wide the page needs no horizontal scrolling."""
    before = page.viewport_size or {"width": 1024, "height": 768}
    await page.set_viewport_size({"width": width, "height": before["height"]})
    try:
        scroll_width = await page.evaluate("document.documentElement.scrollWidth")
    finally:
        await page.set_viewport_size(before)
    assert scroll_width <= width, f"{page.url} scrolls sideways at {width} px wide (scrollWidth {scroll_width})"


FOCUSED = """(selector) => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  return {
    element: element.tagName.toLowerCase() + (element.id ? "#" + element.id : ""),
    text: (element.innerText || element.value || "").trim().slice(0, 60),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
    boxShadow: style.boxShadow, matches: selector ? element.matches(selector) : false,
  };
}"""

Target = str | Callable[[Page], Awaitable[bool]]


async def press_tab_until(page: Page, target: Target, limit: int = 30) -> dict[str, Any]:
    """Press Tab until the focused element matches ``target`` (a CSS selector, or an async predicate on the page).

    At every step the focused element must show a visible focus style. Returns what was focused last.
    """
    selector = target if isinstance(target, str) else None
    for _ in range(limit):
        await page.keyboard.press("Tab")
        focused = await page.evaluate(FOCUSED, selector)
        assert focused is not None, f"focus left the page before reaching {target!r}"
        assert_focus_visible(focused)
        if focused["matches"] if selector else await target(page):  # type: ignore[operator]
            return focused
    raise AssertionError(f"{target!r} not reached within {limit} presses of Tab")


def assert_focus_visible(focused: dict[str, Any]) -> None:
    """An outline (GOV.UK inputs) or a box shadow (GOV.UK links and buttons) shows where the focus is."""
    outline = focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0
    shadow = focused["boxShadow"] not in ("", "none")
    assert outline or shadow, f"no visible focus style on {focused['element']} {focused['text']!r}: {focused}"
