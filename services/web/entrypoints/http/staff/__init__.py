"""The staff pages under ``/staff``: sign-in first, then each area's pages."""

from peel.web.entrypoints.http.staff import sign_in_routes

ROUTERS = [sign_in_routes.router]
