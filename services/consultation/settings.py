"""The consultation service's settings (``PEEL_CONSULTATION_*`` and the shared ``PEEL_*``)."""

from typing import ClassVar

from peel.common.settings import ServiceSettings, settings_config


class ConsultationSettings(ServiceSettings):
    model_config = settings_config("consultation")
    service_name: ClassVar[str] = "consultation"
    default_port: ClassVar[int] = 8101
