"""`{{ page|ledger_rows }}`: the ledger's table rows (conversions.ledger)."""

from django import template

from ..ledger import ledger_rows

register = template.Library()
register.filter("ledger_rows", ledger_rows)
