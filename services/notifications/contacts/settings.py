"""The contacts sub-domain's settings (``PEEL_NOTIFICATIONS_*``), mixed into the service's settings."""

from pydantic import BaseModel, Field, SecretStr

from peel.common.settings import PLACEHOLDER_SECRETS
from peel.notifications.contacts.domain.links import Links

DEVELOPMENT_LINK_SECRET = "development-link-secret"


class ContactsSettings(BaseModel):
    link_secret: SecretStr = Field(SecretStr(DEVELOPMENT_LINK_SECRET),
                                   description="Signs the links in emails (unsubscribe, preferences, council pages)")
    public_pages_url: str = Field("http://127.0.0.1:8105", description="Where residents' and clerks' pages are")
    weekly_cap_default: int = Field(2, ge=0, le=100, description="Non-urgent subscription messages a week, "
                                                                 "for contacts who set no cap of their own")
    council_check_poll_seconds: float = Field(3600.0, gt=0, description="How often organisations due their yearly "
                                                                        "details check are looked for")

    def _refuse_contacts_placeholders(self) -> None:
        secret = self.link_secret.get_secret_value()
        if secret in PLACEHOLDER_SECRETS or secret == DEVELOPMENT_LINK_SECRET:
            raise ValueError("PEEL_NOTIFICATIONS_LINK_SECRET is a placeholder; set a real secret outside development")

    def links(self) -> Links:
        return Links(self.link_secret.get_secret_value().encode(), self.public_pages_url)
