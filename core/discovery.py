"""Each app's module of a given name (`<app>/stats.py`, `<app>/home.py`, `<app>/todo.py`), found once."""

import importlib
from functools import cache
from types import ModuleType

from django.apps import apps


def app_module(app: str, name: str) -> ModuleType | None:
    """The app's `name` module, or None when it has none (an error inside the module still raises)."""
    try:
        return importlib.import_module(f"{app}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.{name}":
            raise
        return None


@cache
def app_modules(name: str) -> tuple[ModuleType, ...]:
    """Every installed app's `name` module, in the order of INSTALLED_APPS (core's own excluded)."""
    found = (app_module(config.name, name) for config in apps.get_app_configs() if config.name != "core")
    return tuple(module for module in found if module is not None)
