"""The messages sub-domain's settings (``PEEL_NOTIFICATIONS_*``): how messages reach people.

Email goes through an SMTP server (a pool of long-lived sessions), GOV.UK Notify (``email_provider = "notify"``)
or, in development without either, a folder of ``.eml`` files. SMS and letters go through GOV.UK Notify only.
"""

from pathlib import Path
from typing import Literal

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
    smtp_sessions: int = Field(4, ge=1, le=64, description="Long-lived sessions kept open to the mail server")
    delivery_concurrency: int = Field(8, ge=1, le=256, description="Messages handed to providers at once")
    email_from: str = Field("Peel <no-reply@peel.localhost>", description="The From address of every email")
    mail_dir: Path | None = Field(None, description="Where emails are written without a mail server "
                                                    "(default <PEEL_LOCAL_DIR>/mail)")
    email_provider: Literal["smtp", "notify"] = Field(
        "smtp", description="Who sends email: the mail server (or the mail folder) or GOV.UK Notify")
    notify_base_url: str = Field("https://api.notifications.service.gov.uk", description="GOV.UK Notify's API")
    notify_api_key: SecretStr | None = Field(None, description="keyname-<service id>-<secret>; without it SMS and "
                                                               "letters cannot be sent")
    notify_callback_token: SecretStr | None = Field(None, description="The bearer token Notify sends with its "
                                                                      "delivery receipts")
    notify_email_template_id: str | None = Field(None, description="Notify template: subject ((subject)), "
                                                                   "body ((body))")
    notify_sms_template_id: str | None = Field(None, description="Notify template: body ((body))")
    notify_letter_template_id: str | None = Field(None, description="Notify template: subject ((subject)), "
                                                                    "body ((body))")
    notify_rate_per_minute: int = Field(3000, ge=1, le=100_000, description="Requests a minute to Notify")
    notify_burst: int = Field(100, ge=1, le=1000, description="Requests sent at once after a quiet spell")
    notify_daily_limit: int = Field(250_000, ge=1, description="Messages a day to Notify (UTC days)")
    notify_timeout_seconds: float = Field(10.0, gt=0)

    def _refuse_message_placeholders(self) -> None:
        if self.smtp_host is None and not self._notify_sends_email():
            raise ValueError("PEEL_NOTIFICATIONS_SMTP_HOST is required outside development (no mail would be sent)")
        password = self.smtp_password.get_secret_value() if self.smtp_password else ""
        if self.smtp_username and password in PLACEHOLDER_SECRETS:
            raise ValueError("PEEL_NOTIFICATIONS_SMTP_PASSWORD is a placeholder; set a real secret outside development")
        token = self.notify_callback_token.get_secret_value() if self.notify_callback_token else None
        if token is not None and token in PLACEHOLDER_SECRETS:
            raise ValueError("PEEL_NOTIFICATIONS_NOTIFY_CALLBACK_TOKEN is a placeholder; set a real secret")

    def _notify_sends_email(self) -> bool:
        return self.email_provider == "notify" and None not in (self.notify_api_key, self.notify_email_template_id)
