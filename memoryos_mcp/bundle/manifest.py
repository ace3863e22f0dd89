"""The bundle's manifest.json (MCPB manifest 0.4, `uv` server type): the template's fixed parts (server
command, what the user is asked, platforms) plus what comes from the package and the running server."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..config_env import variable_for
from ..errors import MemoryosError
from ..server.catalog import Catalog

DISTRIBUTION = "memoryos-mcp"
TEMPLATE = Path(__file__).with_name("manifest.template.json")
ICON = Path(__file__).with_name("icon.png")


def summary(description: str) -> str:
    """A tool's first paragraph, on one line: the manifest shows a sentence, the model reads the rest."""
    return " ".join(description.strip().split("\n\n")[0].split())


def user_config_env(user_config: dict[str, Any]) -> dict[str, str]:
    """Each value the user sets reaches the server as the MEMORYOS_* variable of the config key it is named
    after; a field left empty arrives as an empty string, which the config reads as "not set"."""
    return {variable_for(key): f"${{user_config.{key}}}" for key in user_config}


def build_manifest(catalog: Catalog) -> dict[str, Any]:
    try:
        package = importlib.metadata.metadata(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise MemoryosError(f"{DISTRIBUTION} is not installed: run pip install -e . in the checkout first") from None
    template: dict[str, Any] = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    manifest = {
        "manifest_version": template.pop("manifest_version"), "name": package["Name"],
        "display_name": catalog.title, "version": __version__, "description": package["Summary"],
        "license": package["License-Expression"] or package["License"], **template,
        "tools": [{"name": tool.name, "description": summary(tool.description)} for tool in catalog.tools],
        "prompts": [{"name": prompt.name, "description": prompt.description, "arguments": prompt.arguments,
                     "text": prompt.text} for prompt in catalog.prompts],
    }
    manifest["server"]["mcp_config"]["env"] = user_config_env(manifest["user_config"])
    manifest["compatibility"]["runtimes"] = {"python": package["Requires-Python"]}
    return manifest
