"""`memoryos-mcp bundle`: the .mcpb is a zip whose manifest lists exactly what the server offers, carries
its icon and the project files, and whose user_config reaches the config as MEMORYOS_* variables.

The official `mcpb validate` / `pack` / `info` and a start of the unpacked bundle through `uv` run in
.ci/run (they need npm and PyPI)."""

from __future__ import annotations

import contextlib
import importlib.metadata
import io
import json
import re
import struct
import zipfile
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.client import Client
from mcp_types import TextContent

from memoryos_mcp import __version__
from memoryos_mcp.cli import main
from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.server.app import build_server
from memoryos_mcp.server.host import EngineHost
from memoryos_mcp.server.startup import resolve_config
from tests.support import open_memory
from tests.test_comprehensive import REPO


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The bundle built once by the command, and its stdout."""
    output = tmp_path_factory.mktemp("bundle") / "out"
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        assert main(["bundle", "--output", str(output)]) == 0
    return output / f"memoryos-mcp-{__version__}.mcpb", stdout.getvalue()


@pytest.fixture(scope="module")
def manifest(built: tuple[Path, str]) -> dict[str, Any]:
    with zipfile.ZipFile(built[0]) as archive:
        return json.loads(archive.read("manifest.json"))


def listed_by_a_client(tmp_path: Path) -> dict[str, Any]:
    """Tools and prompts as an MCP client session sees them (recall's text rendered for topic 'X')."""
    memory = open_memory(tmp_path)
    server = build_server(EngineHost(memory.config, "in-memory", factory=lambda _config: memory))

    async def scenario() -> dict[str, Any]:
        async with Client(server, mode="legacy") as client:
            prompts = (await client.list_prompts()).prompts
            recall = (await client.get_prompt("recall", {"topic": "X"})).messages[0].content
            assert isinstance(recall, TextContent)
            return {"tools": (await client.list_tools()).tools, "prompts": prompts, "recall": recall.text}

    return anyio.run(scenario)


def test_the_path_is_the_last_line_of_stdout(built: tuple[Path, str]) -> None:
    path, stdout = built
    assert stdout.splitlines()[-1] == str(path.resolve())
    assert zipfile.is_zipfile(path)


def test_the_manifest_describes_the_package(manifest: dict[str, Any]) -> None:
    package = importlib.metadata.metadata("memoryos-mcp")
    assert manifest["manifest_version"] == "0.4"
    assert (manifest["name"], manifest["version"]) == ("memoryos-mcp", __version__)
    assert manifest["description"] == package["Summary"] and manifest["license"] == "Apache-2.0"
    assert manifest["display_name"] and manifest["author"]["name"]
    assert manifest["compatibility"]["runtimes"]["python"] == package["Requires-Python"]
    assert set(manifest["compatibility"]["platforms"]) == {"darwin", "win32", "linux"}
    server = manifest["server"]
    assert (server["type"], server["entry_point"]) == ("uv", "server.py")
    assert server["mcp_config"]["command"] == "uv" and "server.py" in server["mcp_config"]["args"]


def test_tools_and_prompts_are_exactly_the_servers(manifest: dict[str, Any], tmp_path: Path) -> None:
    listed = listed_by_a_client(tmp_path)
    assert [tool["name"] for tool in manifest["tools"]] == [tool.name for tool in listed["tools"]]
    for entry, tool in zip(manifest["tools"], listed["tools"], strict=True):
        first_paragraph = " ".join(tool.description.split("\n\n")[0].split())
        assert entry["description"] == first_paragraph, tool.name
    assert [p["name"] for p in manifest["prompts"]] == [p.name for p in listed["prompts"]]
    for entry, prompt in zip(manifest["prompts"], listed["prompts"], strict=True):
        assert entry["description"] == prompt.description
        assert entry["arguments"] == [argument.name for argument in prompt.arguments or []]
    recall = next(p for p in manifest["prompts"] if p["name"] == "recall")
    assert recall["text"].replace("${arguments.topic}", "X") == listed["recall"]


def test_the_bundle_carries_the_icon_and_the_project(built: tuple[Path, str], manifest: dict[str, Any]) -> None:
    with zipfile.ZipFile(built[0]) as archive:
        names = set(archive.namelist())
        icon = archive.read(manifest["icon"])
    assert icon.startswith(b"\x89PNG\r\n\x1a\n") and icon[12:16] == b"IHDR"
    assert struct.unpack(">II", icon[16:24]) == (512, 512)
    package = {path.relative_to(REPO).as_posix() for path in (REPO / "memoryos_mcp").rglob("*")
               if path.is_file() and "__pycache__" not in path.parts}
    assert names == {"manifest.json", manifest["icon"], "pyproject.toml", "README.md", "server.py", *package}
    assert "memoryos_mcp/bundle/manifest.template.json" in names and "memoryos_mcp/__main__.py" in names


@pytest.mark.parametrize("host_applies_defaults", [True, False])
def test_user_config_reaches_the_config(manifest: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        host_applies_defaults: bool) -> None:
    """Substituted as a desktop does (the memory folder and user id chosen, the rest left alone), the
    manifest's environment is the whole configuration of a server started outside any checkout. A host
    that applies no defaults leaves the placeholders of the fields nobody set."""
    user_config = manifest["user_config"]
    assert set(user_config) <= set(MemoryConfig.model_fields)
    assert user_config["data_storage_path"]["type"] == "directory" and user_config["data_storage_path"]["required"]
    assert user_config["data_storage_path"]["default"].startswith("${HOME}/"), "never inside the bundle"
    assert user_config["openai_api_key"]["sensitive"] is True
    chosen = {"data_storage_path": str(tmp_path / "memory"), "user_id": "desk_user"}
    for variable, template in manifest["server"]["mcp_config"]["env"].items():
        match = re.fullmatch(r"\$\{user_config\.(\w+)\}", template)
        assert match, template
        key = match.group(1)
        assert variable == f"MEMORYOS_{key.upper()}"
        unset = user_config[key].get("default", template) if host_applies_defaults else template
        monkeypatch.setenv(variable, chosen.get(key, unset))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    config = resolve_config(None)
    assert (config.data_storage_path, config.user_id) == (tmp_path / "memory", "desk_user")
    assert config.openai_api_key is None and not config.uses_openai_llm
    assert (config.embedding_provider, config.embedding_model_name) == ("local", "all-MiniLM-L6-v2")


def test_an_unwritable_output_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["bundle", "--output", str(blocker / "dist")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("memoryos-mcp bundle: error: --output") and captured.err.count("\n") == 1
