"""Renders pages: one Jinja environment per language (its catalogue installed), GOV.UK macros, the page's context."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date, format_datetime, format_time, get_timezone
from babel.numbers import format_currency, format_decimal
from fastapi import Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from peel.web.adapters.translations import translations
from peel.web.domain.language import LANGUAGES, NAMES, Localised, localised, other_language
from peel.web.domain.tenants import TenantDisplay
from peel.web.entrypoints.http.csrf import csrf_token

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LONDON = get_timezone("Europe/London")


@dataclass(frozen=True)
class Page:
    """What every template knows: the language, the office, and how to link to a page of this office."""

    lang: str
    tenant: str
    display: TenantDisplay
    nonce: str
    csrf: str
    path: str
    tenant_in_host: bool = False

    def href(self, *parts: object, lang: str | None = None) -> str:
        head = [lang or self.lang] + ([] if self.tenant_in_host else [self.tenant])
        tail = "/".join(str(part) for part in parts if part != "")
        return "/" + "/".join(head) + "/" + tail

    @property
    def other_lang(self) -> str:
        return other_language(self.lang)

    @property
    def alternate(self) -> str:
        """This page in the other language: the same path with the other language first."""
        rest = self.path.split("/", 2)[2] if self.path.count("/") >= 2 else ""
        return f"/{self.other_lang}/{rest}"

    def text(self, value: Mapping[str, str | None] | str | None) -> Localised:
        return localised(value, self.lang)


class Pages:
    def __init__(self, templates: Path = TEMPLATES) -> None:
        self._environments = {lang: environment(templates, lang) for lang in LANGUAGES}

    def template(self, lang: str, name: str) -> jinja2.Template:
        return self._environments[lang].get_template(name)

    def render(self, page: Page, name: str, *, status_code: int = 200, headers: Mapping[str, str] | None = None,
               **context: Any) -> HTMLResponse:
        html = self.template(page.lang, name).render(page=page, **context)
        return HTMLResponse(html, status_code=status_code, headers=headers)


@cache
def shared_pages() -> Pages:
    """One renderer per process: its templates are compiled once, whatever number of apps is made."""
    return Pages()


def environment(templates: Path, lang: str) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(templates),
        jinja2.PrefixLoader({"govuk_frontend_jinja": jinja2.PackageLoader("govuk_frontend_jinja")}),
    ])
    env = jinja2.Environment(loader=loader, autoescape=True, extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
                             undefined=jinja2.ChainableUndefined, trim_blocks=True, lstrip_blocks=True,
                             auto_reload=False)  # templates change only with a release: no stat per render
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(_filters(lang))
    env.globals.update(LANGUAGE_NAMES=NAMES)
    return env


def _filters(lang: str) -> dict[str, Any]:
    return {
        "loc": lambda value: localised_html(localised(value, lang) if not isinstance(value, Localised) else value),
        "loc_text": lambda value: localised(value, lang).text,
        "day": lambda value: format_date(_when(value), "d MMMM yyyy", locale=lang),
        "weekday": lambda value: format_date(_when(value), "EEEE d MMMM yyyy", locale=lang),
        "time": lambda value: format_time(_when(value), "h:mmaaa", tzinfo=LONDON, locale=lang).lower(),
        "moment": lambda value: format_datetime(_when(value), "h:mmaaa, EEEE d MMMM yyyy", tzinfo=LONDON,
                                                locale=lang).replace("AM", "am").replace("PM", "pm"),
        "money": lambda value: format_currency(Decimal(str(value)), "GBP", locale=f"{lang}_GB"),
        "number": lambda value: format_decimal(value, locale=f"{lang}_GB"),
    }


def localised_html(value: Localised) -> Markup:
    """Escaped text, wrapped in ``<span lang="en">`` when it is the English fallback on a Welsh page."""
    if value.lang:
        return Markup(f'<span lang="{value.lang}">{escape(value.text)}</span>')
    return Markup(escape(value.text))


def _when(value: str | date | datetime) -> date | datetime:
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed if "T" in value else parsed.date()
    return value


def page_for(request: Request, tenant: str, display: TenantDisplay, lang: str) -> Page:
    state = request.scope.setdefault("state", {})
    state["tenant"] = tenant
    path, query = state.get("page_path", request.url.path), request.url.query
    return Page(lang=lang, tenant=tenant, display=display, nonce=state.get("csp_nonce", ""),
                csrf=csrf_token(request), path=f"{path}?{query}" if query else path,
                tenant_in_host=state.get("tenant_in_host", False))
