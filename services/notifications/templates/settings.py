"""The templates sub-domain's settings (``PEEL_NOTIFICATIONS_*``), mixed into the service's settings."""

from pydantic import BaseModel


class TemplatesSettings(BaseModel):
    pass
