"""The staff pages under ``/staff``: signing in first, then each area's pages (each module's ``router``)."""

from peel.web.entrypoints.http.staff import (
    assembly_routes,
    audit_routes,
    consultation_builder_routes,
    consultation_results_routes,
    dashboard_routes,
    meeting_routes,
    notification_routes,
    oidc_routes,
    panel_routes,
    settings_routes,
    sign_in_routes,
    surgery_routes,
)

ROUTERS = [
    sign_in_routes.router, oidc_routes.router, dashboard_routes.router, consultation_builder_routes.router,
    consultation_results_routes.router, panel_routes.router, surgery_routes.router, meeting_routes.router,
    assembly_routes.router, notification_routes.router, settings_routes.router, audit_routes.router,
]
