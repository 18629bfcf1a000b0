"""The bulletins sub-domain's settings (``PEEL_NOTIFICATIONS_*``), mixed into the service's settings."""

from pydantic import BaseModel, Field


class BulletinsSettings(BaseModel):
    bulletin_poll_seconds: float = Field(1.0, gt=0, le=300, description="How often the dispatch task looks for "
                                                                        "bulletins to send (scheduled, or started)")
    bulletin_dispatch_lease_seconds: int = Field(300, ge=10, le=3600,
                                                 description="How long one replica holds a bulletin it dispatches; "
                                                             "a dispatch killed half-way is taken up after this")
