from core.routers import REPLICA, ReportsReplicaRouter, reads_from_replica


def test_reads_go_to_the_replica_only_inside_the_context_and_only_when_configured(settings):
    router = ReportsReplicaRouter()
    assert router.db_for_read(None) is None
    with reads_from_replica():
        assert router.db_for_read(None) is None  # no replica configured: primary
    settings.DATABASES = {**settings.DATABASES, REPLICA: settings.DATABASES["default"]}
    with reads_from_replica():
        assert router.db_for_read(None) == REPLICA
        assert router.db_for_write(None) == "default"
    assert router.db_for_read(None) is None
