"""Accounts: the user, the security policy the 安全管理员 keeps, the audit log the 审计管理员 reads."""

from .audit import AuditEvent
from .policy import SecurityPolicy
from .users import User

__all__ = ["AuditEvent", "SecurityPolicy", "User"]
