"""Logging helpers."""

import logging


class OneLineForbidden(logging.Filter):
    """A refused request (403: a role outside a view's rule, a failed CSRF check) is routine: log it as
    one line naming the path and who asked, without the traceback Django attaches."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            request = getattr(record, "request", None)
            user = getattr(request, "user", None)
            who = user.get_username() if getattr(user, "is_authenticated", False) else "匿名"
            record.msg = f"{record.getMessage()} user={who}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True
