"""The browser test kit on a tiny GOV.UK-styled page: the built assets load under a strict CSP, with JavaScript
on and off, and the axe, reflow and keyboard checks pass on good markup and fail on bad."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from playwright.async_api import Page

from tests.support.browser import (
    REPO,
    AxeReport,
    OpenResident,
    assert_reflows,
    audit,
    foreign_requests,
    press_tab_until,
)
from tests.support.servers import serving

DIST = REPO / "services/web/static/dist"
ARIAL = "arial, sans-serif"
CSP = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

# GOV.UK Frontend's template.njk: without this class on <body> its components never start.
BODY_CLASS_SCRIPT = ("document.body.className += ' js-enabled' + "
                     "('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');")
PAGE = """<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Have your say - Peel</title>
  <link rel="icon" sizes="48x48" href="/assets/images/favicon.ico">
  <link rel="stylesheet" href="/static/peel.css">{extra_css}
</head>
<body class="govuk-template__body">
  <script nonce="{nonce}">{body_class_script}</script>
  <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
  <header class="govuk-template__header">
    <div class="govuk-generic-header"><div class="govuk-generic-header__container govuk-width-container">
      <div class="govuk-generic-header__logo">
        <a href="/" class="govuk-generic-header__homepage-link">Police and crime plan survey</a>
      </div>
    </div></div>
  </header>
  <div class="govuk-width-container">
    <main class="govuk-main-wrapper" id="main-content">
      <h1 class="govuk-heading-l">Have your say</h1>
      <p class="govuk-body">Read the <a class="govuk-link" href="/plan">draft plan</a> first.</p>
      <form method="post" action="/" novalidate>
        <div class="govuk-form-group">
          <label class="govuk-label" for="postcode">Postcode</label>
          <input class="govuk-input govuk-input--width-10" id="postcode" name="postcode" type="text"
                 autocomplete="postal-code">
        </div>
        <button type="submit" class="govuk-button" data-module="govuk-button">Continue</button>
      </form>
      {extra_html}
    </main>
  </div>
  <footer class="govuk-footer"><div class="govuk-width-container">
    <a class="govuk-footer__link" href="/accessibility">Accessibility statement</a>
  </div></footer>
  <script type="module" src="/static/init.mjs" nonce="{nonce}"></script>
</body>
</html>
"""

# Markup the checks must reject: a link with its focus style removed, a box wider than a phone, an image with no
# text alternative.
FLAWED_CSS = ".no-focus:focus { outline: none; box-shadow: none; background: none; } .too-wide { width: 400px; }"
FLAWED_HTML = ('<p class="govuk-body"><a class="no-focus" href="/help">Help</a></p><div class="too-wide">Wide</div>'
               '<img src="/assets/images/favicon.svg" width="20" height="20">')


def page(*, flawed: bool = False) -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    html = PAGE.format(nonce=nonce, body_class_script=BODY_CLASS_SCRIPT,
                       extra_css='\n  <link rel="stylesheet" href="/flawed.css">' if flawed else "",
                       extra_html=FLAWED_HTML if flawed else "")
    return HTMLResponse(html, headers={"Content-Security-Policy": CSP.format(nonce=nonce)})


def smoke_app() -> FastAPI:
    app = FastAPI()
    app.add_api_route("/", lambda: page(), response_class=HTMLResponse)
    app.add_api_route("/flawed", lambda: page(flawed=True), response_class=HTMLResponse)
    app.add_api_route("/flawed.css", lambda: PlainTextResponse(FLAWED_CSS, media_type="text/css"))
    app.mount("/assets", StaticFiles(directory=DIST / "assets"), name="assets")
    app.mount("/static", StaticFiles(directory=DIST), name="static")
    return app


@pytest.fixture(scope="module")
async def site() -> AsyncIterator[str]:
    if not (DIST / "peel.css").exists():
        pytest.fail(f"{DIST} has no built assets: run `make setup` (deploy/local/web-assets.sh build)", pytrace=False)
    async with serving(smoke_app()) as url:
        yield url


@pytest.mark.parametrize("js", [False, True], ids=["no-js", "js"])
async def test_a_gov_uk_page_passes_axe_and_reflows(site: str, resident: OpenResident, js: bool) -> None:
    visitor = await resident(js=js)
    response = await visitor.page.goto(site + "/")

    assert response is not None and response.ok
    assert await visitor.page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily") == ARIAL
    await audit(visitor.page, f"smoke-{'js' if js else 'no-js'}")
    await assert_reflows(visitor.page)
    visitor.assert_no_console_errors()


async def test_gov_uk_frontend_starts_under_the_strict_csp(site: str, resident: OpenResident) -> None:
    visitor = await resident(js=True)
    await visitor.page.goto(site + "/")
    await visitor.page.wait_for_function("document.querySelector('.govuk-button[data-govuk-button-init]') !== null")

    assert await visitor.page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    visitor.assert_no_console_errors()


async def test_without_javascript_the_page_says_so(site: str, resident: OpenResident) -> None:
    visitor = await resident(js=False)
    await visitor.page.goto(site + "/")

    assert await visitor.page.evaluate("document.body.className") == "govuk-template__body"


async def test_the_keyboard_reaches_the_form_with_visible_focus(site: str, resident: OpenResident) -> None:
    visitor = await resident(js=False)
    await visitor.page.goto(site + "/")

    at_postcode = await press_tab_until(visitor.page, "#postcode")
    at_button = await press_tab_until(visitor.page, continue_button_focused)

    assert at_postcode["element"] == "input#postcode"
    assert (at_button["element"], at_button["text"]) == ("button", "Continue")


async def continue_button_focused(page: Page) -> bool:
    return await page.evaluate("document.activeElement.textContent.trim() === 'Continue'")


async def test_the_checks_reject_flawed_markup(site: str, resident: OpenResident, tmp_path: Path) -> None:
    visitor = await resident(js=False)
    await visitor.page.goto(site + "/flawed")

    with pytest.raises(AssertionError, match="no visible focus style"):
        await press_tab_until(visitor.page, ".govuk-footer__link")
    with pytest.raises(AssertionError, match="scrolls sideways"):
        await assert_reflows(visitor.page)
    with pytest.raises(AssertionError, match="critical image-alt"):
        await audit(visitor.page, "flawed", AxeReport(tmp_path / "axe-report.json"))


def test_requests_to_other_hosts_are_found() -> None:
    urls = ["http://127.0.0.1:8105/en/x", "data:image/png;base64,AA", "https://fonts.example.com/a.woff2",
            "http://localhost/static/peel.css"]

    assert foreign_requests(urls) == ["https://fonts.example.com/a.woff2"]
