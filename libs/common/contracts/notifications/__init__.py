"""Events published by the notifications service on ``notifications.events``, one module per sub-domain.

They say what happened and never to whom: no email address, no name, no personalisation; the tenant is the
envelope's. Importing this package registers them all.
"""

from peel.common.contracts.notifications import bulletins, contacts, elections, messages, templates  # noqa: F401
from peel.common.contracts.notifications.contacts import ConsentChanged, ContactCreated, ContactErased
from peel.common.contracts.notifications.messages import MessageFailed, MessageSent

__all__ = ["ConsentChanged", "ContactCreated", "ContactErased", "MessageFailed", "MessageSent"]
