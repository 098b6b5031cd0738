"""Views of accounts: sign-in, one's own second factor and password, and the three administrators' pages."""

from .audit import audit_changes, audit_changes_export, audit_log, audit_log_export
from .security import account_list, security_policy, two_factor_reset, unlock
from .session import keepalive
from .signin import locked_out, login, login_enrol, login_verify, logout
from .two_factor import two_factor_codes, two_factor_disable, two_factor_enrol, two_factor_status
from .users import password_change, preferences, user_create, user_edit, user_history, user_list

__all__ = [
    "account_list",
    "audit_changes",
    "audit_changes_export",
    "audit_log",
    "audit_log_export",
    "keepalive",
    "locked_out",
    "login",
    "login_enrol",
    "login_verify",
    "logout",
    "password_change",
    "preferences",
    "security_policy",
    "two_factor_codes",
    "two_factor_disable",
    "two_factor_enrol",
    "two_factor_reset",
    "two_factor_status",
    "unlock",
    "user_create",
    "user_edit",
    "user_history",
    "user_list",
]
