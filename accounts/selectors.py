from django.shortcuts import get_object_or_404

from .models import User


def users_for_admin(actor):
    """All users, for the system administrator (the only role that reaches these views)."""
    return User.objects.select_related("organization", "section").order_by("role", "username")


def get_user_for_admin(actor, pk) -> User:
    return get_object_or_404(users_for_admin(actor), pk=pk)
