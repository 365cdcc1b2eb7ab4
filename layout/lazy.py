"""Names a package exports but loads on first use (PEP 562 module __getattr__).

A cache hit or a style load needs a package's data types, not its engine;
importing the engine at package import cost a tenth of a cached build.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_exports(package: str, table: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package` that imports `table[name]` (a
    submodule) on first use of `name`. A name equal to its own submodule's
    cannot be lazy: the submodule replaces it once it loads."""

    def __getattr__(name: str) -> Any:
        if name in table:
            return getattr(import_module(f".{table[name]}", package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
