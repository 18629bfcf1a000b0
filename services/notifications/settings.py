"""The notifications service's settings (``PEEL_NOTIFICATIONS_*`` and the shared ``PEEL_*``)."""

from pathlib import Path
from typing import ClassVar

from pydantic import Field, SecretStr

from peel.common.retries import DeliverySettings
from peel.common.settings import PLACEHOLDER_SECRETS, ServiceSettings, local_dir, settings_config


class NotificationsSettings(ServiceSettings, DeliverySettings):
    model_config = settings_config("notifications")
    service_name: ClassVar[str] = "notifications"
    default_port: ClassVar[int] = 8103

    smtp_host: str | None = Field(None, description="The mail server; without one (development only) emails are "
                                                    "written as .eml files to mail_dir")
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_starttls: bool = False
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_timeout_seconds: float = Field(30.0, gt=0)
    email_from: str = Field("Peel <no-reply@peel.localhost>", description="The From address of every email")
    mail_dir: Path | None = Field(None, description="Where emails are written without a mail server "
                                                    "(default <PEEL_LOCAL_DIR>/mail)")

    @property
    def mail_directory(self) -> Path:
        return self.mail_dir or local_dir() / "mail"

    def _refuse_placeholders(self) -> None:
        super()._refuse_placeholders()
        if self.smtp_host is None:
            raise ValueError("PEEL_NOTIFICATIONS_SMTP_HOST is required outside development (no mail would be sent)")
        password = self.smtp_password.get_secret_value() if self.smtp_password else ""
        if self.smtp_username and password in PLACEHOLDER_SECRETS:
            raise ValueError("PEEL_NOTIFICATIONS_SMTP_PASSWORD is a placeholder; set a real secret outside development")
