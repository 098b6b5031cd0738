"""Objects of school A for the URL matrix (tests/test_url_matrix.py)."""

SAMPLES = {
    "directory:organization_detail": lambda ctx: {"pk": ctx.school_a.pk},
    "directory:organization_edit": lambda ctx: {"pk": ctx.school_a.pk},
    "directory:organization_history": lambda ctx: {"pk": ctx.school_a.pk},
    "directory:organization_status": lambda ctx: {"pk": ctx.school_a.pk},
}
