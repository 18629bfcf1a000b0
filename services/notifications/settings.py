"""The notifications service's settings (``PEEL_NOTIFICATIONS_*`` and the shared ``PEEL_*``)."""

from typing import ClassVar

from peel.common.settings import ServiceSettings, settings_config


class NotificationsSettings(ServiceSettings):
    model_config = settings_config("notifications")
    service_name: ClassVar[str] = "notifications"
    default_port: ClassVar[int] = 8103
