from core import routers
from core.routers import REPLICA, ReportsReplicaRouter, reads_from_replica


def test_reads_go_to_the_replica_only_inside_the_context_and_only_when_configured(monkeypatch):
    router = ReportsReplicaRouter()
    assert router.db_for_read(None) is None
    with reads_from_replica():
        assert router.db_for_read(None) is None  # no replica configured: primary
    monkeypatch.setattr(routers, "replica_configured", lambda: True)
    with reads_from_replica():
        assert router.db_for_read(None) == REPLICA
        assert router.db_for_write(None) == "default"
    assert router.db_for_read(None) is None
