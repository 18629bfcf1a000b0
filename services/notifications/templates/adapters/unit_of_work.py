"""The templates sub-domain's unit of work on PostgreSQL: template versions and office layouts."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.notifications.templates.adapters.versions import PostgresLayouts, PostgresTemplateVersions


class TemplatesUnitOfWork(PostgresUnitOfWork):
    versions: PostgresTemplateVersions
    layouts: PostgresLayouts

    def bind(self, connection: asyncpg.Connection) -> None:
        self.versions = PostgresTemplateVersions(connection)
        self.layouts = PostgresLayouts(connection)
