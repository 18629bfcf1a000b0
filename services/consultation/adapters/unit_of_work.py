"""The consultation service's unit of work on PostgreSQL."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.consultation.adapters.precept_settings import PostgresPreceptSettings
from peel.consultation.adapters.repository import PostgresConsultations
from peel.consultation.adapters.responses import PostgresAreas, PostgresResponses


class ConsultationUnitOfWork(PostgresUnitOfWork):
    consultations: PostgresConsultations
    responses: PostgresResponses
    areas: PostgresAreas
    precept_settings: PostgresPreceptSettings

    def bind(self, connection: asyncpg.Connection) -> None:
        self.consultations = PostgresConsultations(connection)
        self.responses = PostgresResponses(connection)
        self.areas = PostgresAreas(connection)
        self.precept_settings = PostgresPreceptSettings(connection)
