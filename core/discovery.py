"""Each app's module of a given name (`<app>/stats.py`, `<app>/home.py`, `<app>/todo.py`), found once."""

import importlib
from functools import cache
from types import ModuleType

from django.apps import apps


@cache
def app_modules(name: str) -> tuple[ModuleType, ...]:
    """Every installed app's `name` module, in the order of INSTALLED_APPS (core's own excluded)."""
    found = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{name}":
                raise
            continue
        if module.__name__ != f"core.{name}":
            found.append(module)
    return tuple(found)
