"""README "Scale out": the Docker Compose example and its Caddyfile hold together (CI has no Docker daemon to run
them): the instances' command is the server's own flags, their storage_url is the database service's, and the
proxy reaches every instance on the port it listens on."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import yaml

from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.server.startup import parse_args
from tests.support import REPO


def section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return text.split("\n## Scale out", 1)[1].split("\n## ", 1)[0]


def block(language: str) -> str:
    """The one fenced block of `language` in the section ('' for a fence without a language)."""
    blocks: list[tuple[str, list[str]]] = []
    inside = False
    for line in section().splitlines():
        fence = line.strip().startswith("```")
        if fence and not inside:
            blocks.append((line.strip()[3:], []))
        elif not fence and inside:
            blocks[-1][1].append(line)
        inside ^= fence
    found = ["\n".join(lines) for lang, lines in blocks if lang == language]
    assert len(found) == 1, found
    return found[0]


def test_the_compose_example_runs_instances_on_the_database_behind_the_proxy() -> None:
    compose = yaml.safe_load(block("yaml"))
    db, instances, proxy = (compose["services"][name] for name in ("db", "memoryos", "proxy"))
    assert db["image"].startswith("pgvector/pgvector:")
    command = re.search(r'CMD (\[.*\])', instances["build"]["dockerfile_inline"])
    assert command is not None
    argv = yaml.safe_load(command.group(1))
    assert argv[0] == "memoryos-mcp"
    args = parse_args(argv[1:])
    assert args.transport == "streamable-http" and args.host == "0.0.0.0"
    assert instances["deploy"]["replicas"] >= 2 and "db" in instances["depends_on"]

    url = instances["environment"]["MEMORYOS_STORAGE_URL"]
    assert MemoryConfig.model_validate({"storage_url": url}).on_postgres
    parts, env = urlsplit(url), db["environment"]
    assert (parts.hostname, parts.username, parts.password, parts.path.strip("/")) == (
        "db", env["POSTGRES_USER"], env["POSTGRES_PASSWORD"], env["POSTGRES_DB"])

    caddyfile = block("")
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"] and proxy["image"].startswith("caddy:")
    upstream = re.search(r"dynamic a (\S+) (\d+)", caddyfile)
    assert upstream is not None and upstream.groups() == ("memoryos", str(args.port))
    assert "lb_policy ip_hash" in caddyfile  # a client's session stays on one instance
    assert args.allow_host == [caddyfile.split()[0]]  # the instances accept the name the proxy serves
