"""Events about bulletins published by the notifications service on ``notifications.events``; none carries an address,
a name or personalisation."""

from __future__ import annotations
