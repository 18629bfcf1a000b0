"""The scheduling service's settings (``PEEL_SCHEDULING_*`` and the shared ``PEEL_*``)."""

from typing import ClassVar

from peel.common.settings import ServiceSettings, settings_config


class SchedulingSettings(ServiceSettings):
    model_config = settings_config("scheduling")
    service_name: ClassVar[str] = "scheduling"
    default_port: ClassVar[int] = 8102
