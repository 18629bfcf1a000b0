"""The whole platform over real HTTP for the page journeys: the four services, a real SMTP sink for their emails,
the web pages in front, with the scheduling emails' links pointing at the pages, and a real OpenID Connect provider
staff sign in with (the development sign-in stays on too)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from peel.consultation.bootstrap import create_app as consultation_app
from peel.consultation.settings import ConsultationSettings
from peel.reporting.bootstrap import create_app as reporting_app
from peel.reporting.settings import ReportingSettings
from peel.scheduling.bootstrap import create_app as scheduling_app
from peel.scheduling.settings import SchedulingSettings
from peel.web.bootstrap import create_app as web_app
from peel.web.settings import WebSettings
from tests.support.mail_platform import notifications_with_sink
from tests.support.oidc_provider import KEY, LocalProvider, local_provider
from tests.support.platform import SCHEDULING_SETTINGS
from tests.support.servers import free_port, service_settings, serving
from tests.support.smtp import SmtpSink

OFFICE_CLAIM = "peel_office"  # the provider names each user's office, so a journey may sign in to any


@dataclass
class WebPlatform:
    """Where each part answers: ``url`` is the pages' address (what a resident's browser opens)."""

    url: str
    web: httpx.AsyncClient
    consultation: httpx.AsyncClient
    scheduling: httpx.AsyncClient
    reporting: httpx.AsyncClient
    notifications: httpx.AsyncClient
    sink: SmtpSink
    web_settings: WebSettings
    identity_provider: LocalProvider | None = None


@asynccontextmanager
async def web_platform(infra, new_database: Callable[[], Awaitable[str]], topic_prefix: str,
                       key_dir: Path, consultation: dict | None = None,
                       **web_settings: Any) -> AsyncIterator[WebPlatform]:
    async with AsyncExitStack() as stack:
        identity = stack.enter_context(local_provider())
        web_settings.setdefault("oidc_providers", {KEY: identity.settings(tenant="", tenant_claim=OFFICE_CLAIM)})
        notifying = await notifications_with_sink(stack, infra, new_database, topic_prefix, key_dir)
        common, port = notifying.common, free_port()
        urls = {"notifications": notifying.url}

        async def start(name: str, app: Any, **kwargs: Any) -> None:
            urls[name] = await stack.enter_async_context(serving(app, **kwargs))

        await start("consultation", consultation_app(service_settings(
            ConsultationSettings, dsn=await new_database(), notifications_url=notifying.url,
            delivery_poll_seconds=0.05, **(consultation or {}), **common)))
        await start("reporting", reporting_app(service_settings(ReportingSettings, dsn=await new_database(),
                                                                **common)))
        await start("scheduling", scheduling_app(service_settings(
            SchedulingSettings, dsn=await new_database(), notifications_url=notifying.url, delivery_poll_seconds=0.05,
            links_base_url=f"http://127.0.0.1:{port}", **SCHEDULING_SETTINGS, **common)))
        settings = web_settings_for(urls, dsn=await new_database(), common=common,
                                    staff_token_key_path=key_dir / "jwt-private.pem", **web_settings)
        await start("web", web_app(settings), port=port)
        clients = {name: await stack.enter_async_context(httpx.AsyncClient(base_url=url, timeout=30))
                   for name, url in urls.items()}
        yield WebPlatform(url=urls["web"], sink=notifying.sink, web_settings=settings, identity_provider=identity,
                          **clients)


def web_settings_for(urls: dict[str, str], *, dsn: str, common: dict, **extra: Any) -> WebSettings:
    return service_settings(WebSettings, dsn=dsn, consultation_url=urls.get("consultation", "http://127.0.0.1:9"),
                            scheduling_url=urls.get("scheduling", "http://127.0.0.1:9"),
                            reporting_url=urls.get("reporting", "http://127.0.0.1:9"),
                            notifications_url=urls.get("notifications", "http://127.0.0.1:9"), **common, **extra)
