"""Accounts are kept in the portal (用户管理, accounts.views.users), not in /admin/: the portal's form
enforces the rules on administrator roles and writes the audit log. See accounts.admin_site."""
