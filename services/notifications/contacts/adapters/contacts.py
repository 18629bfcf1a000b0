"""Contacts and their consent records in PostgreSQL, always looked up within a tenant."""

from __future__ import annotations

import uuid

import asyncpg

from peel.notifications.contacts.domain.consents import Channel, Consent, ConsentChange
from peel.notifications.contacts.domain.contacts import Accessibility, Contact, ContactDetails, Language, LanguageChoice

COLUMNS = ("id, tenant, email, mobile, postal_address, language, language_asked_at, language_asked_how, areas, "
           "accessibility, created_at, created_by, erased_at, name")
ADD = f"""
INSERT INTO contacts ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
ON CONFLICT DO NOTHING
"""
ERASE = """
UPDATE contacts SET email = NULL, mobile = NULL, postal_address = '{}', language = 'unknown',
                    language_asked_at = NULL, language_asked_how = NULL, areas = '{}', accessibility = '{}',
                    name = NULL, weekly_cap = NULL, erased_at = $3
WHERE tenant = $1 AND id = $2
"""
SAVE_DETAILS = "UPDATE contacts SET name = $3, email = $4, mobile = $5 WHERE tenant = $1 AND id = $2"
CONSENT_COLUMNS = "id, contact_id, sender, topic, channel, given, source, wording_version, recorded_at, recorded_by"


class PostgresContacts:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, contact: Contact) -> bool:
        return await self._connection.execute(ADD, *_values(contact)) == "INSERT 0 1"

    async def get(self, tenant: str, contact_id: uuid.UUID, for_update: bool = False) -> Contact | None:
        lock = " FOR UPDATE" if for_update else ""
        row = await self._connection.fetchrow(
            f"SELECT {COLUMNS} FROM contacts WHERE tenant = $1 AND id = $2{lock}", tenant, contact_id)
        return _contact(row) if row else None

    async def save_erased(self, contact: Contact) -> None:
        await self._connection.execute(ERASE, contact.tenant, contact.id, contact.erased_at)

    async def save_details(self, contact: Contact) -> bool:
        details = contact.details
        try:
            async with self._connection.transaction():
                await self._connection.execute(SAVE_DETAILS, contact.tenant, contact.id, details.name, details.email,
                                               details.mobile)
        except asyncpg.UniqueViolationError:
            return False
        return True


class PostgresConsents:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, records: list[Consent]) -> None:
        await self._connection.executemany(
            f"INSERT INTO consents ({CONSENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            [_consent_values(record) for record in records])

    async def history(self, contact_id: uuid.UUID) -> list[Consent]:
        rows = await self._connection.fetch(
            f"SELECT {CONSENT_COLUMNS} FROM consents WHERE contact_id = $1 ORDER BY recorded_at, position", contact_id)
        return [_consent(row) for row in rows]


def _values(contact: Contact) -> tuple:
    details, language = contact.details, contact.details.language
    return (contact.id, contact.tenant, details.email, details.mobile, list(details.postal_address),
            language.language.value, language.asked_at, language.asked_how, list(details.areas),
            [need.value for need in details.accessibility], contact.created_at, contact.created_by,
            contact.erased_at, details.name)


def _contact(row: asyncpg.Record) -> Contact:
    language = LanguageChoice(Language(row["language"]), row["language_asked_at"], row["language_asked_how"])
    details = ContactDetails(row["email"], row["mobile"], tuple(row["postal_address"]), language, tuple(row["areas"]),
                             tuple(Accessibility(need) for need in row["accessibility"]), row["name"])
    return Contact(row["id"], row["tenant"], details, row["created_at"], row["created_by"], row["erased_at"])


def _consent_values(record: Consent) -> tuple:
    change = record.change
    return (record.id, record.contact_id, change.sender, change.topic, change.channel.value, change.given,
            change.source, change.wording_version, record.at, record.recorded_by)


def _consent(row: asyncpg.Record) -> Consent:
    change = ConsentChange(row["sender"], row["topic"], Channel(row["channel"]), row["given"], row["source"],
                           row["wording_version"])
    return Consent(row["id"], row["contact_id"], change, row["recorded_at"], row["recorded_by"])
