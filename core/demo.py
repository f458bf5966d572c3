"""The demo forum is built by hooks: each app may have a `demo.py` with `seed(ctx)`.

`seed_demo` calls them in INSTALLED_APPS order, which is the layer order, so an app finds
what the apps below it created (by natural key) without any lower app importing a higher one.
"""

from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

DEMO_PASSWORD = "yizhan-demo-2025"  # noqa: S105 - printed for the demo accounts on purpose


@dataclass
class DemoContext:
    """What every hook gets: the moment of this run, and a place to report."""

    now: datetime
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # (role, email, password)
    changes: list[str] = field(default_factory=list)

    def changed(self, message: str) -> None:
        self.changes.append(message)


def demo_hooks():
    """Yield (app label, seed function) for every installed app that has a demo hook."""
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "demo"):
            module = import_module(f"{app_config.name}.demo")
            seed = getattr(module, "seed", None)
            if callable(seed):
                yield app_config.label, seed
