"""Environment overrides: `MEMORYOS_<KEY>` for every config key, so a desktop bundle, a container or a
client's `env` block can set the server up without a config file.

Precedence is environment over file over defaults. An empty (or blank) value means "not set": a desktop
client passes an optional field the user left empty as an empty string, or, when the bundle's manifest
gives it no default, as the placeholder `${user_config.KEY}` itself (the reference mcpb library does).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

PREFIX = "MEMORYOS_"
#: The OpenAI SDK's own variables, honoured below their MEMORYOS_ names.
ALIASES = {"openai_api_key": "OPENAI_API_KEY", "openai_base_url": "OPENAI_BASE_URL"}
#: A bundle setting the desktop client had no value for, left unsubstituted.
UNSET_PLACEHOLDER = re.compile(r"\$\{user_config\.[^}]*\}")


class Override(NamedTuple):
    """One config key set from the environment: the variable that set it and its value."""

    variable: str
    value: str


def variable_for(key: str) -> str:
    """`data_storage_path` -> `MEMORYOS_DATA_STORAGE_PATH`."""
    return PREFIX + key.upper()


def environment_overrides(keys: Iterable[str], environ: Mapping[str, str] | None = None) -> dict[str, Override]:
    """The keys the environment sets, each with the variable it came from (stripped; blanks and unset
    placeholders skipped)."""
    environ = os.environ if environ is None else environ
    found = {}
    for key in keys:
        for name in (variable_for(key), *([ALIASES[key]] if key in ALIASES else [])):
            value = environ.get(name, "").strip()
            if value and not UNSET_PLACEHOLDER.fullmatch(value):
                found[key] = Override(name, value)
                break
    return found
