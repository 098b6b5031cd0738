"""Views of the inspections module, one file per concept."""
