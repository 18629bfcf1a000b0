"""The consultation service's settings (``PEEL_CONSULTATION_*`` and the shared ``PEEL_*``)."""

from typing import ClassVar

from pydantic import Field

from peel.common.notify.settings import NotificationsClientSettings
from peel.common.settings import ServiceSettings, settings_config


class ConsultationSettings(ServiceSettings, NotificationsClientSettings):
    model_config = settings_config("consultation")
    service_name: ClassVar[str] = "consultation"
    default_port: ClassVar[int] = 8101

    clock_seconds: float = Field(5.0, gt=0, description="How often consultations due to open or close are looked for")

    def _refuse_placeholders(self) -> None:
        super()._refuse_placeholders()
        self._refuse_notifications_placeholders()
