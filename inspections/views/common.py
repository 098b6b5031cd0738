"""Helpers shared by the inspections views."""

from core.exports import Table, export_response

__all__ = ["Table", "export_response"]
