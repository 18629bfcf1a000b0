"""Emails asked of the notifications service by other services: the client, its tokens, and a bounded-retry
sender that works through what is due in every replica, each message by one of them."""

from peel.common.notify.client import REFUSED, NotificationsClient, OutgoingEmail, ServiceTokens
from peel.common.notify.sending import Claim, Held, Notifications, Outgoing, send_due
from peel.common.notify.settings import NotificationsClientSettings

__all__ = ["REFUSED", "Claim", "Held", "Notifications", "NotificationsClient", "NotificationsClientSettings",
           "Outgoing", "OutgoingEmail", "ServiceTokens", "send_due"]
