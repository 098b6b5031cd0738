"""Send report statistics to a read replica when one is configured (DATABASE_REPORTS_URL).

Reads go to the replica only inside `with reads_from_replica():`, so ordinary page views and every
write keep using the primary and never see replication lag.
"""

import threading
from contextlib import contextmanager

from django.conf import settings

_state = threading.local()
REPLICA = "replica"


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def reads_from_replica():
    previous = getattr(_state, "on", False)
    _state.on = replica_configured()
    try:
        yield
    finally:
        _state.on = previous


class ReportsReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if getattr(_state, "on", False) else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
