"""The pieces of the URL × persona matrix (tests/test_url_matrix.py) that the samples use.

Each app's tests/<app>/url_samples.py maps every URL pattern with arguments (its name, or its route
when it has none) to how to build a real object of school A for it: a function `ctx -> kwargs`, or a
`Sample` when the view acts on POST or fewer people may see the object than school A's scope.
`ctx` has school_a, school_b, school_admin_a (school A's administrator), staff (bureau staff).
"""

from collections.abc import Callable
from dataclasses import dataclass

# Who may reach a sample's object, among the users the view's access rule lets in:
SCOPE = "scope"  # everyone whose organization scope covers school A: the district's users and school A's own
DISTRICT = "district"  # the bureau's users only (e.g. a draft report: no school sees it)
CREATOR = "creator"  # only the user who made it (ctx.school_admin_a), e.g. an import job
ANYONE = "anyone"  # everyone the view's rule lets in (the administrators' pages about any account)


@dataclass(frozen=True)
class Sample:
    """`build(ctx)` makes the object and returns the URL's kwargs. `post`: the view acts on POST (its
    GET is refused or sends back to the record), so the users let in POST to it and are answered
    200, 400 (form errors) or a redirect that is not the login page. `sees`: SCOPE, DISTRICT or CREATOR."""

    build: Callable
    post: bool = False
    sees: str = SCOPE


def action(build: Callable, **kwargs) -> Sample:
    """A view that acts on POST (a workflow button)."""
    return Sample(build, post=True, **kwargs)
