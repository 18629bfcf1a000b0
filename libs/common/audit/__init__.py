"""The audit trail every service keeps of the staff actions it accepts, and the route its administrators read."""

from peel.common.audit.middleware import RecordStaffActions
from peel.common.audit.record import AuditEntry
from peel.common.audit.routes import audit_router
from peel.common.audit.store import AuditLog, AuditQuery, PostgresAuditLog

__all__ = ["AuditEntry", "AuditLog", "AuditQuery", "PostgresAuditLog", "RecordStaffActions", "audit_router"]
