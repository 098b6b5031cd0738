"""The daily 待办 digest: one e-mail a day to each user who has open items and wants it.

Sent by the task `core.tasks.send_todo_digest`, which `manage.py send_todo_digest` enqueues every morning
(deploy/wucheng-edu-digest.timer). A digest is sent at most once per user and day: the `TodoDigest` row
of the day is written in the same transaction as the sending, so a second run of the job the same day
finds it and skips the user, and a failed sending leaves no row and is tried again by the next run.
"""

import logging
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import BUSINESS_ROLES

from .dates import cn_date
from .models import TodoDigest
from .todo import grouped, items_for

logger = logging.getLogger(__name__)


def absolute(url: str) -> str:
    """An absolute link from a path of the portal (setting PORTAL_URL, e.g. https://edu.example.gov.cn)."""
    return settings.PORTAL_URL.rstrip("/") + url


def recipients(day: date):
    """Who may get a digest today: active business users with an address who want it and had none today."""
    return (
        User.objects.filter(is_active=True, todo_digest=True, role__in=BUSINESS_ROLES)
        .exclude(email="")
        .exclude(todo_digests__day=day)
        .order_by("pk")
    )


def message(user, items, *, day: date) -> EmailMultiAlternatives:
    context = {
        "user": user,
        "day": cn_date(day),
        "total": len(items),
        "overdue": sum(item.overdue for item in items),
        "groups": [
            {"kind": group.kind, "items": [(item, absolute(item.url)) for item in group.items]}
            for group in grouped(items)
        ],
        "todo_url": absolute(reverse("core:todo")),
        "preferences_url": absolute(reverse("accounts:preferences")),
        "portal_title": settings.PORTAL_TITLE,
        "bureau_name": settings.BUREAU_NAME,
    }
    subject = f"【{settings.PORTAL_TITLE}】{context['day']}待办事项{len(items)}项"
    mail = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("core/email/todo_digest.txt", context),
        to=[user.email],
    )
    mail.attach_alternative(render_to_string("core/email/todo_digest.html", context), "text/html")
    return mail


def send_digests(*, day: date | None = None) -> int:
    """Send today's digest to every recipient with open items; returns how many were sent."""
    day = day or timezone.localdate()
    sent = 0
    for user in recipients(day).iterator():
        items = items_for(user)
        if not items:
            continue
        try:
            with transaction.atomic():
                TodoDigest.objects.create(user=user, day=day, items=len(items))
                message(user, items, day=day).send()
        except IntegrityError:
            continue  # another run sent this user's digest meanwhile
        except OSError:
            # The mail server refused or is unreachable: no record, so the next run tries again.
            logger.exception("待办邮件发送失败：%s", user.username)
            continue
        sent += 1
    return sent
