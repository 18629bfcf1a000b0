"""The scheduling service's settings (``PEEL_SCHEDULING_*`` and the shared ``PEEL_*``)."""

from datetime import timedelta
from typing import ClassVar

from pydantic import Field, SecretStr

from peel.common.notify.settings import NotificationsClientSettings
from peel.common.settings import PLACEHOLDER_SECRETS, ServiceSettings, settings_config
from peel.scheduling.assemblies.domain.registration import FormKey
from peel.scheduling.messages.domain.message_emails import Links
from peel.scheduling.messages.domain.messages import Reminders
from peel.scheduling.surgeries.domain.bookings import NotesRetention
from peel.scheduling.surgeries.domain.links import LinkKey

DEVELOPMENT_LINK_SECRET = "peel-development-booking-links"


class SchedulingSettings(ServiceSettings, NotificationsClientSettings):
    model_config = settings_config("scheduling")
    service_name: ClassVar[str] = "scheduling"
    default_port: ClassVar[int] = 8102

    link_secret: SecretStr = Field(SecretStr(DEVELOPMENT_LINK_SECRET),
                                   description="Signs the links bookers use to cancel or reschedule; changing it "
                                               "invalidates every link already sent")
    notes_retention_days: int = Field(365, ge=1, le=3650, description="How long confidential booking notes are "
                                                                      "kept after they were last written")
    notes_retention_days_by_tenant: dict[str, int] = Field(
        default_factory=dict, description="Tenants' own retention periods in days (a JSON object)")
    notes_purge_seconds: float = Field(3600.0, gt=0, description="How often expired notes are blanked")
    reminder_hours: float = Field(24.0, ge=1, le=24 * 14, description="How long before an appointment its "
                                                                    "reminder is emailed")
    links_base_url: str = Field("http://localhost:8105", pattern=r"^https?://\S+$",
                                description="Where residents reach the pages the links in emails open (the web "
                                            "service): the links start with it, followed by the page's path")
    links_base_url_by_tenant: dict[str, str] = Field(
        default_factory=dict, description="A tenant's own address for those pages (a JSON object), e.g. its "
                                          "website, serving the same page paths")

    @property
    def link_key(self) -> LinkKey:
        return LinkKey(self.link_secret.get_secret_value().encode())

    @property
    def form_key(self) -> FormKey:
        """Signs assembly registration forms and registrants' withdrawal links (with the link secret)."""
        return FormKey(self.link_secret.get_secret_value().encode())

    @property
    def reminders(self) -> Reminders:
        return Reminders(lead=timedelta(hours=self.reminder_hours))

    @property
    def links(self) -> Links:
        return Links(self.links_base_url, dict(self.links_base_url_by_tenant), self.link_key, self.form_key)

    @property
    def notes_retention(self) -> NotesRetention:
        return NotesRetention(self.notes_retention_days, dict(self.notes_retention_days_by_tenant))

    def _refuse_placeholders(self) -> None:
        super()._refuse_placeholders()
        self._refuse_notifications_placeholders()
        secret = self.link_secret.get_secret_value()
        if secret in PLACEHOLDER_SECRETS or secret == DEVELOPMENT_LINK_SECRET or len(secret) < 32:
            raise ValueError("PEEL_SCHEDULING_LINK_SECRET must be a real secret of 32 characters or more "
                             "outside development")
