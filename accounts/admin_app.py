from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin with the portal's site: reference data for the 系统管理员 only (accounts.admin_site)."""

    default_site = "accounts.admin_site.ReferenceDataAdminSite"
