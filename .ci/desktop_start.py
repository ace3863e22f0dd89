"""Start the server as a desktop client would and drive it with the MCP SDK client (run by .ci/run).

    desktop_start.py bundle UNPACKED_BUNDLE MCP_CONFIG DATA_DIR USER_ID
        MCP_CONFIG is the command, arguments and environment Claude Desktop derives from the bundle's
        manifest for a user who chose DATA_DIR and USER_ID and left the rest alone (.ci/run writes it with
        the mcpb library's own getMcpConfigForManifest). Started from /: tools and prompts are those the
        manifest lists, add_memory, retrieve_memory and get_user_profile answer, the user id reached the
        server, and the data lands in DATA_DIR, nowhere else.
    desktop_start.py uvx CHECKOUT WORKDIR
        `uvx --from CHECKOUT memoryos-mcp` from WORKDIR, on the built-in defaults: tools/list answers.

Run it under `env -i HOME=... PATH=...`: the server inherits only what a desktop client passes.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import anyio
from mcp.client import Client
from mcp.client.stdio import StdioServerParameters, stdio_client

#: The machine's own settings passed on when set: a network that intercepts TLS needs its CA bundle for uv
#: to reach PyPI (a desktop reads the system trust store; the SDK's client passes only HOME, PATH and a few).
MACHINE = ("SSL_CERT_FILE",)
#: A guard against a hung start (the first one resolves and installs every dependency), not a speed target.
START_TIMEOUT = 600


def machine() -> dict[str, str]:
    return {name: os.environ[name] for name in MACHINE if name in os.environ}


def payload(result: Any) -> dict[str, Any]:
    if result.is_error:
        sys.exit(f"tool error: {result.content[0].text}")
    return result.structured_content


async def drive_bundle(bundle: Path, mcp_config: Path, data: Path, user_id: str) -> None:
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    config = json.loads(mcp_config.read_text(encoding="utf-8"))
    left = {name: value for name, value in config.get("env", {}).items() if "${" in value}
    check(not left, "settings without a default are left as placeholders", left)
    params = StdioServerParameters(command=config["command"], args=config["args"],
                                   env={**machine(), **config.get("env", {})}, cwd="/")
    started = time.monotonic()
    with open(bundle.parent / "bundle-server.log", "w", encoding="utf-8") as errlog:
        with anyio.fail_after(START_TIMEOUT):
            async with Client(stdio_client(params, errlog=errlog), mode="legacy") as client:
                tools = {tool.name for tool in (await client.list_tools()).tools}
                print(f"bundle: the server answered after {time.monotonic() - started:.1f} s")
                check(tools == {tool["name"] for tool in manifest["tools"]}, "tools differ from the manifest", tools)
                prompts = {prompt.name for prompt in (await client.list_prompts()).prompts}
                check(prompts == {p["name"] for p in manifest["prompts"]}, "prompts differ from the manifest", prompts)
                added = payload(await client.call_tool("add_memory", {
                    "user_input": "My cat is called Miso and I live in Lisbon.", "agent_response": "Lovely!",
                    "timestamp": "2024-05-01T10:00:00"}))
                check(added["status"] == "success", "add_memory failed", added)
                found = payload(await client.call_tool("retrieve_memory", {"query": "What is my cat called?"}))
                pages = found["short_term_memory"] + found["retrieved_pages"]
                check(any("Miso" in page["user_input"] for page in pages), "retrieve_memory missed the page", found)
                profile = payload(await client.call_tool("get_user_profile", {}))
                check(profile["user_id"] == user_id, "the user id did not reach the server", profile["user_id"])
    check((data / "memoryos.sqlite3").is_file(), "no store in the configured memory folder", sorted(data.iterdir()))
    stray = [*bundle.rglob("*.sqlite3*"), *[path for path in (Path("/memoryos_data"),) if path.exists()]]
    check(not stray, "a store outside the configured memory folder", stray)
    print(f"bundle: add, retrieve and profile answered; the memory is in {data}")


async def drive_uvx(checkout: Path, workdir: Path) -> None:
    params = StdioServerParameters(command="uvx", args=["--from", str(checkout), "memoryos-mcp"], env=machine(),
                                   cwd=str(workdir))
    started = time.monotonic()
    with open(workdir / "uvx-server.log", "w", encoding="utf-8") as errlog:
        with anyio.fail_after(START_TIMEOUT):
            async with Client(stdio_client(params, errlog=errlog), mode="legacy") as client:
                tools = {tool.name for tool in (await client.list_tools()).tools}
    check({"add_memory", "retrieve_memory", "get_user_profile"} <= tools, "tools/list is missing tools", tools)
    print(f"uvx: tools/list answered {len(tools)} tools after {time.monotonic() - started:.1f} s")


def check(condition: bool, problem: str, detail: object) -> None:
    if not condition:
        sys.exit(f"desktop start: {problem}: {str(detail)[:2000]}")


def main(argv: list[str]) -> None:
    if argv[:1] == ["bundle"] and len(argv) == 5:
        anyio.run(drive_bundle, Path(argv[1]).resolve(), Path(argv[2]), Path(argv[3]).resolve(), argv[4])
    elif argv[:1] == ["uvx"] and len(argv) == 3:
        anyio.run(drive_uvx, Path(argv[1]).resolve(), Path(argv[2]).resolve())
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
