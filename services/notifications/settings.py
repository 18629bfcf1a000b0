"""The notifications service's settings (``PEEL_NOTIFICATIONS_*`` and the shared ``PEEL_*``): each sub-domain's
own, mixed together."""

from pathlib import Path
from typing import ClassVar

from peel.common.retries import DeliverySettings
from peel.common.settings import ServiceSettings, local_dir, settings_config
from peel.notifications.bulletins.settings import BulletinsSettings
from peel.notifications.cascade.settings import CascadeSettings
from peel.notifications.contacts.settings import ContactsSettings
from peel.notifications.digests.settings import DigestsSettings
from peel.notifications.elections.settings import ElectionsSettings
from peel.notifications.messages.settings import MessagesSettings
from peel.notifications.templates.settings import TemplatesSettings


class NotificationsSettings(ServiceSettings, DeliverySettings, MessagesSettings, ContactsSettings, TemplatesSettings,
                            BulletinsSettings, CascadeSettings, DigestsSettings, ElectionsSettings):
    model_config = settings_config("notifications")
    service_name: ClassVar[str] = "notifications"
    default_port: ClassVar[int] = 8103

    @property
    def mail_directory(self) -> Path:
        return self.mail_dir or local_dir() / "mail"

    def _refuse_placeholders(self) -> None:
        super()._refuse_placeholders()
        self._refuse_message_placeholders()
        self._refuse_contacts_placeholders()
