"""``peel serve SERVICE``: run one service's HTTP API with its relay and consumers."""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import subprocess
import sys
import threading

SERVICES = ("consultation", "scheduling", "notifications", "reporting", "web")
WITHOUT_EVENTS = frozenset({"web"})  # no outbox, so no relay beside it
FAKES = ("fake-notify",)  # stand-ins for outside services, for development and tests
log = logging.getLogger(__name__)


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("serve", help="run one service (port from PEEL_<SERVICE>_PORT)")
    command.add_argument("service", choices=SERVICES + FAKES)
    command.add_argument("--relay-in-process", action="store_true",
                         help="publish the outbox from this process instead of a `peel relay` process beside it")
    command.set_defaults(run=run)


def settings_for(service: str):  # noqa: ANN201 - each service has its own settings class
    from peel.common.settings import ServiceSettings

    module = importlib.import_module(f"peel.{service}.settings")
    return next(value for value in vars(module).values()
                if isinstance(value, type) and issubclass(value, ServiceSettings) and value is not ServiceSettings)()


def run(arguments: argparse.Namespace) -> int:
    import uvicorn
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor

    from peel.common.telemetry import configure_logging, configure_telemetry
    from peel.common.telemetry.tracing import tracing_enabled

    if arguments.service in FAKES:
        return run_fake(arguments.service)
    settings = settings_for(arguments.service)
    if not arguments.relay_in_process:
        settings = settings.model_copy(update={"outbox_relay_in_process": False})
    configure_logging(arguments.service, settings.log_level)
    configure_telemetry(arguments.service, settings.otel_exporter, settings.otel_endpoint)
    if tracing_enabled(settings.otel_exporter):
        AsyncPGInstrumentor().instrument()
    app = importlib.import_module(f"peel.{arguments.service}.bootstrap").create_app(settings)
    gc.collect()
    gc.freeze()  # what import and set-up made lives as long as the process: no collection scans it again
    relay = not settings.outbox_relay_in_process and arguments.service not in WITHOUT_EVENTS
    with RelayProcess(arguments.service, enabled=relay):
        uvicorn.run(
            app, host=settings.host, port=settings.port, log_config=None,
            proxy_headers=True, forwarded_allow_ips=settings.forwarded_allow_ips, timeout_graceful_shutdown=30,
            access_log=logging.getLogger("uvicorn.access").isEnabledFor(logging.INFO),
        )
    return 0


def run_fake(name: str) -> int:
    import uvicorn

    from peel.cli.fake_notify.app import create_app
    from peel.cli.fake_notify.config import FakeNotifySettings
    from peel.common.telemetry import configure_logging

    settings = FakeNotifySettings()
    configure_logging(name, "INFO")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_config=None, access_log=False)
    return 0


class RelayProcess:
    """``peel relay SERVICE`` beside the service, restarted if it dies, stopped with the service."""

    def __init__(self, service: str, *, enabled: bool) -> None:
        self._command = [sys.executable, "-m", "peel.cli.main", "relay", service, "--parent", str(os.getpid())]
        self._enabled = enabled
        self._process: subprocess.Popen | None = None
        self._stopping = threading.Event()

    def __enter__(self) -> RelayProcess:
        if self._enabled:
            threading.Thread(target=self._keep_running, name="relay-process", daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(15)
            except subprocess.TimeoutExpired:
                self._process.kill()

    def _keep_running(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            self._process = subprocess.Popen(self._command)
            code = self._process.wait()
            if self._stopping.is_set():
                return
            failures += 1
            log.warning("the outbox relay process ended; restarting it", extra={"exit_code": code})
            self._stopping.wait(min(30.0, 0.5 * 2 ** min(failures, 6)))
