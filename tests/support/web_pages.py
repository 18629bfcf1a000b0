"""Page tests without a browser: the web app with its ports faked at its boundary, and the HTML parsed.

``FakeApi`` answers each path with what a test gives it (a value, an exception, or a function of the request);
``PageClient`` renders pages, records which routes were visited, and fills in the CSRF token as a browser would."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from fastapi import APIRouter, FastAPI
from starlette.routing import BaseRoute, Match

from peel.web.bootstrap import create_app
from peel.web.domain.tenants import TenantDisplay, default_display
from peel.web.service_layer.ports import Json, NotFoundThere, WebPorts

Answer = Any  # a value, an Exception (raised), or a callable taking (json, headers) and returning either
IN_BOTH_LANGUAGES = pytest.mark.parametrize("lang", ["en", "cy"])


def headed(english: str, welsh: str) -> pytest.MarkDecorator:
    """Runs a page test in English and in Welsh, given the page's heading in each (``lang``, ``heading``)."""
    return pytest.mark.parametrize(("lang", "heading"), [("en", english), ("cy", welsh)])


@dataclass
class FakeApi:
    """A service's API as a page sees it; unknown paths are 404s, as the services answer them."""

    answers: dict[tuple[str, str], Answer] = field(default_factory=dict)
    calls: list[tuple[str, str, Any, dict]] = field(default_factory=list)

    def on(self, method: str, path: str, answer: Answer) -> FakeApi:
        self.answers[(method, path)] = answer
        return self

    def posted(self, path: str) -> list[Any]:
        return [body for method, called, body, _ in self.calls if method == "POST" and called == path]

    async def get(self, path: str, *, resident: str, params: Any = None) -> Json:
        return self._answer("GET", path, params, {"resident": resident})

    async def get_bytes(self, path: str, *, resident: str, params: Any = None) -> bytes:
        return self._answer("GET", path, params, {"resident": resident})

    async def post(self, path: str, *, resident: str, json: Any = None, headers: Any = None) -> Json:
        return self._answer("POST", path, json, {"resident": resident, **(headers or {})})

    def _answer(self, method: str, path: str, body: Any, headers: dict) -> Any:
        self.calls.append((method, path, body, headers))
        if (method, path) not in self.answers:
            raise NotFoundThere(path)
        answer = self.answers[(method, path)]
        if callable(answer) and not isinstance(answer, type):
            answer = answer(body, headers)
        if isinstance(answer, Exception):
            raise answer
        return answer


class FakeSessions:
    def __init__(self) -> None:
        self.saved: dict[str, Json] = {}

    async def load(self, session_id: str) -> Json | None:
        return self.saved.get(session_id)

    async def save(self, session_id: str, data: Json) -> None:
        self.saved[session_id] = data


class FakeTenantDisplays:
    def __init__(self) -> None:
        self.displays: dict[str, TenantDisplay] = {}

    async def display(self, tenant: str) -> TenantDisplay:
        return self.displays.get(tenant) or default_display(tenant)

    async def set_display(self, tenant: str, display: TenantDisplay) -> None:
        self.displays[tenant] = display


def fake_ports() -> WebPorts:
    return WebPorts(FakeApi(), FakeApi(), FakeApi(), FakeSessions(), FakeTenantDisplays())


@dataclass
class Html:
    """A rendered page, parsed."""

    response: httpx.Response
    soup: BeautifulSoup

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def title(self) -> str:
        return self.soup.title.get_text(strip=True) if self.soup.title else ""

    @property
    def h1(self) -> str:
        heading = self.soup.find("h1")
        return " ".join(heading.get_text(" ", strip=True).split()) if heading else ""

    @property
    def lang(self) -> str:
        return self.soup.html.get("lang", "") if self.soup.html else ""

    def error_links(self) -> dict[str, str]:
        """The error summary's links: {href: text}."""
        summary = self.soup.select(".govuk-error-summary__list a")
        return {link["href"]: link.get_text(strip=True) for link in summary}

    def status_and_links(self) -> tuple[int, list[str]]:
        """The status and where the error summary's links lead, as a sent form is answered."""
        return self.status, list(self.error_links())

    def field_messages(self) -> list[str]:
        """The error messages shown by the fields, without their hidden "Error:" prefix, in page order."""
        shown = []
        for message in self.soup.select(".govuk-error-message"):
            prefix = message.select_one(".govuk-visually-hidden")
            if prefix:
                prefix.extract()
            shown.append(message.get_text(strip=True))
        return shown

    def csrf(self) -> str | None:
        field_ = self.soup.find("input", {"name": "csrf_token"})
        return field_["value"] if field_ else None

    def text(self) -> str:
        main = self.soup.find("main") or self.soup
        return " ".join(main.get_text(" ", strip=True).split())


class PageClient:
    """Requests pages from the app as a browser would (one cookie jar), recording the routes it visited."""

    def __init__(self, app: FastAPI, client: httpx.AsyncClient, visited: set[tuple[str, str, str]]) -> None:
        self.app = app
        self._client = client
        self._visited = visited
        self.last_form_token: str | None = None

    async def get(self, path: str, **kwargs: Any) -> Html:
        return self._page(await self._client.get(path, **kwargs), "GET", path)

    async def post(self, path: str, data: dict[str, Any] | None = None, *, csrf: bool = True,
                   **kwargs: Any) -> Html:
        form = dict(data or {})
        if csrf and "csrf_token" not in form:
            form["csrf_token"] = self.last_form_token or self._token_for_this_session()
        return self._page(await self._client.post(path, data=form, **kwargs), "POST", path)

    def _token_for_this_session(self) -> str:
        """What a form on any page of this session would carry."""
        return self.app.state.csrf_signer.dumps(self._client.cookies.get("peel_session", ""))

    def _page(self, response: httpx.Response, method: str, path: str) -> Html:
        self._record(method, path)
        with warnings.catch_warnings():  # the Atom feed is XML: parsed leniently, as the tests only search it
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            html = Html(response, BeautifulSoup(response.text, "html.parser"))
        self.last_form_token = html.csrf() or self.last_form_token
        return html

    def _record(self, method: str, path: str) -> None:
        scope = {"type": "http", "method": method, "path": path.split("?")[0]}
        for route in app_routes(self.app):
            match, _ = route.matches(scope)
            if match == Match.FULL:
                lang = path.split("/")[1]
                self._visited.add((method, getattr(route, "path", ""), lang))
                return


LANG_AND_TENANT = re.compile(r"^/(en|cy)/[a-z0-9-]+/")


def app_with(ports: WebPorts, **settings: Any) -> FastAPI:
    from peel.web.settings import WebSettings

    return create_app(WebSettings(environment="test", **settings), ports=ports)


def app_routes(app: FastAPI | APIRouter) -> Iterator[BaseRoute]:
    """The app's routes in the order it tries them, with included routers' routes (however deep) in place."""
    for route in app.routes:
        included = getattr(route, "original_router", None)
        yield from (app_routes(included) if included is not None else [route])


def page_routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every page route (method, path) of the app: those under /{lang}/..."""
    found = set()
    for route in app_routes(app):
        path = getattr(route, "path", "")
        if path.startswith("/{lang}/"):
            found |= {(method, path) for method in getattr(route, "methods", ()) if method != "HEAD"}
    return found


FormBuilder = Callable[[Html], dict[str, Any]]
