"""Emails asked of the notifications service by other services: what to send (``emails``, pure data that domain
code builds), the client and its tokens (``client``), and a bounded-retry sender that works through what is due in
every replica, each message by one of them (``sending``, ``held``, ``worker``, ``settings``).

Nothing is imported here, so that domain code importing ``peel.common.notify.emails`` loads no HTTP client."""
