"""User administration. Role and organization changes are kept in the user's history."""

from django.db import transaction

from .models import User


@transaction.atomic
def user_save(*, user: User, password: str | None, actor: User, reason: str = "") -> User:
    """Create or change a user account on behalf of the system administrator `actor`."""
    if password:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user._change_reason = reason or ("新建用户" if not user.pk else "修改用户")
    user.save()
    return user
