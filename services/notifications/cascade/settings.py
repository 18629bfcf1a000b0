"""The cascade sub-domain's settings (``PEEL_NOTIFICATIONS_*``), mixed into the service's settings."""

from datetime import timedelta

from pydantic import BaseModel, Field

from peel.notifications.cascade.domain.acknowledgements import ChasePolicy


class CascadeSettings(BaseModel):
    chase_after_days: int = Field(7, ge=1, le=90, description="Days a council has to acknowledge a stakeholder "
                                                              "bulletin before it is chased, and between chasers")
    most_chasers: int = Field(2, ge=0, le=10, description="Chasers at most per council and bulletin")
    cascade_poll_seconds: float = Field(30.0, gt=0, description="How often councils to include or chase are sought")

    def chase_policy(self) -> ChasePolicy:
        return ChasePolicy(timedelta(days=self.chase_after_days), self.most_chasers)
