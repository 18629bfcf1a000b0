"""``peel serve SERVICE``: run one service's HTTP API with its relay and consumers."""

from __future__ import annotations

import argparse
import importlib

SERVICES = ("consultation", "scheduling", "notifications", "reporting")


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("serve", help="run one service (port from PEEL_<SERVICE>_PORT)")
    command.add_argument("service", choices=SERVICES)
    command.set_defaults(run=run)


def settings_for(service: str):  # noqa: ANN201 - each service has its own settings class
    module = importlib.import_module(f"peel.{service}.settings")
    return next(value for name, value in vars(module).items() if name.endswith("Settings") and name != "ServiceSettings")()


def run(arguments: argparse.Namespace) -> int:
    import uvicorn
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor

    from peel.common.telemetry import configure_logging, configure_telemetry
    from peel.common.telemetry.tracing import tracing_enabled

    settings = settings_for(arguments.service)
    configure_logging(arguments.service, settings.log_level)
    configure_telemetry(arguments.service, settings.otel_exporter, settings.otel_endpoint)
    if tracing_enabled(settings.otel_exporter):
        AsyncPGInstrumentor().instrument()
    bootstrap = importlib.import_module(f"peel.{arguments.service}.bootstrap")
    uvicorn.run(
        bootstrap.create_app(settings), host=settings.host, port=settings.port, log_config=None,
        proxy_headers=True, forwarded_allow_ips=settings.forwarded_allow_ips, access_log=True,
    )
    return 0
