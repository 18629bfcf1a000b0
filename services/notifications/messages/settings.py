"""The messages sub-domain's settings (``PEEL_NOTIFICATIONS_*``): how messages reach people."""

from pathlib import Path

from pydantic import BaseModel, Field, SecretStr

from peel.common.settings import PLACEHOLDER_SECRETS


class MessagesSettings(BaseModel):
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

    def _refuse_message_placeholders(self) -> None:
        if self.smtp_host is None:
            raise ValueError("PEEL_NOTIFICATIONS_SMTP_HOST is required outside development (no mail would be sent)")
        password = self.smtp_password.get_secret_value() if self.smtp_password else ""
        if self.smtp_username and password in PLACEHOLDER_SECRETS:
            raise ValueError("PEEL_NOTIFICATIONS_SMTP_PASSWORD is a placeholder; set a real secret outside development")
