"""Events published by the notifications service on ``notifications.events``, one module per sub-domain.

They say what happened and never to whom: no email address, no name, no personalisation; the tenant is the
envelope's. Importing this package registers them all.
"""

from peel.common.contracts.notifications import (  # noqa: F401
    bulletins,
    cascade,
    contacts,
    digests,
    elections,
    messages,
    templates,
)
from peel.common.contracts.notifications.contacts import ConsentChanged, ContactCreated, ContactErased
from peel.common.contracts.notifications.messages import MessageFailed, MessageSent

__all__ = ["ConsentChanged", "ContactCreated", "ContactErased", "MessageFailed", "MessageSent"]
