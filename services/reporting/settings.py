"""The reporting service's settings (``PEEL_REPORTING_*`` and the shared ``PEEL_*``)."""

from typing import ClassVar

from peel.common.settings import ServiceSettings, settings_config


class ReportingSettings(ServiceSettings):
    model_config = settings_config("reporting")
    service_name: ClassVar[str] = "reporting"
    default_port: ClassVar[int] = 8104
