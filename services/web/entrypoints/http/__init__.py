"""The web service's routes: the admin API first, then each journey's pages, the office's own pages last
(its ``/{lang}/{tenant}/...`` paths would otherwise catch the others)."""

from peel.web.entrypoints.http import (
    assembly_routes,
    booking_link_routes,
    consultation_routes,
    home_routes,
    info_routes,
    notification_routes,
    panel_routes,
    short_address_routes,
    surgery_routes,
    tenant_admin_routes,
)

ROUTERS = [
    tenant_admin_routes.router, consultation_routes.router, panel_routes.router, surgery_routes.router,
    booking_link_routes.router, assembly_routes.router, notification_routes.router, home_routes.router,
    info_routes.router, short_address_routes.router,
]
