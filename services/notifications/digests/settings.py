"""The digests sub-domain's settings (``PEEL_NOTIFICATIONS_*``), mixed into the service's settings."""

from pydantic import BaseModel, Field


class DigestsSettings(BaseModel):
    digest_hour: int = Field(7, ge=0, le=23, description="The hour (UK time) daily and weekly digests go")
    weekly_digest_weekday: int = Field(0, ge=0, le=6, description="The day weekly digests go (0 Monday, 6 Sunday)")
    digest_batch_size: int = Field(200, ge=1, le=5000, description="Contacts a replica takes at a time in a run")
    digest_poll_seconds: float = Field(30.0, gt=0, description="How often due digest runs are sought")
