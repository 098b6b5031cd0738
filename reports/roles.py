"""Who works the annual report: the bureau's staff draft it, its leaders review, approve and publish it.

The one definition: the views' access rules, the selectors and the services all read these sets.
"""

from accounts.roles import Role

DRAFTERS = frozenset({Role.BUREAU_STAFF})
APPROVERS = frozenset({Role.LEADER})
