"""Pages the HTTP benchmark measures, each beside its baselines."""

TARGETS = [
    ("baseline: trivial Django view", "/bench/trivial/"),
    ("organization list, page 1", "/directory/"),
    ("organization list, filtered", "/directory/?kind=private_kindergarten&status=active"),
    ("organization list, search", "/directory/?q=%E6%BC%94%E7%A4%BA"),
    ("organization list, deep page", "/directory/?page=500"),
    ("baseline: admin changelist organizations", "/admin/directory/organization/"),
    ("baseline: admin changelist organizations, deep", "/admin/directory/organization/?p=499"),
]
