"""Writing the audit log (accounts.models.AuditEvent). Reading it is accounts.selectors."""

from .models import AuditEvent

Action = AuditEvent.Action


def client_ip(request) -> str | None:
    """The client's address as django-axes sees it (AXES_IPWARE_* settings: behind nginx, the
    forwarded one)."""
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


def audit_record(
    *, action: str, actor=None, request=None, username: str = "", target: str = "", detail: str = ""
) -> AuditEvent:
    """Append one event. `actor` is who acted (None for an anonymous sign-in attempt); `username`
    the account concerned (the actor's own by default)."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        username=(username or (actor.get_username() if actor else ""))[:150],
        target=str(target)[:200],
        detail=detail,
        ip_address=client_ip(request),
    )
