"""The elections sub-domain's settings (``PEEL_NOTIFICATIONS_*``), mixed into the service's settings."""

from pydantic import BaseModel, Field


class ElectionsSettings(BaseModel):
    election_clock_seconds: float = Field(30.0, gt=0, description="How often election periods' starts and ends are "
                                                                  "looked for (each is announced once)")
