"""A team server over the real streamable-HTTP transport: one process, a tokens file, one memory per user.

User A's token never reads, finds, counts, lists, deletes or exports user B's data, through any tool,
resource or template, even when both stored identical texts; an admin token may act for a user by header.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support import BlockingClient, blocking_client, tool_error
from tests.test_comprehensive import REPO, connect, http_server, payload, write_config

pytestmark = pytest.mark.slow

SHARED = [("I moved to Lisbon last spring and I love the light.", "Lisbon is lovely."),
          ("My sister Ana is a nurse in Porto.", "Nursing is demanding.")]
MARKER = {"alice": "My locker code is qx7alice.", "bob": "My locker code is zz9bobby."}


def add_token(config: Path, user_id: str, role: str = "user") -> str:
    """`memoryos-mcp tokens add`: the token is alone on the last line of stdout."""
    done = subprocess.run([sys.executable, "-m", "memoryos_mcp", "tokens", "add", "--config", str(config),
                           "--user-id", user_id, "--role", role], capture_output=True, text=True, check=True)
    token = done.stdout.strip().splitlines()[-1]
    assert token.startswith("mos_") and len(token) > 40 and token not in done.stderr
    return token


def client_for(base: str, token: str, **headers: str):
    return blocking_client(_session(base, {"Authorization": f"Bearer {token}", **headers}))


def _session(base: str, headers: dict[str, str]):
    from mcp.client import Client

    return Client(connect("streamable-http", base, headers), mode="legacy")


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("team")
    config = write_config(folder, auth_tokens_file="tokens.json", max_open_users=1, user_id="owner",
                          short_term_capacity=1)  # pages leave short-term memory at once: facts are learnt
    tokens = {name: add_token(config, name) for name in ("alice", "bob")}
    tokens["ops"] = add_token(config, "ops", role="admin")
    log = folder / "server.log"
    with open(log, "w", encoding="utf-8") as errlog, \
            http_server(config, "streamable-http", errlog, extra=["--log-format", "json"]) as base:
        clients = {}
        with client_for(base, tokens["alice"]) as alice, client_for(base, tokens["bob"]) as bob:
            clients = {"alice": alice, "bob": bob}
            for name, client in clients.items():
                for user_input, agent_response in SHARED:
                    assert payload(client.call("add_memory", {"user_input": user_input,
                                                              "agent_response": agent_response}))["status"] == "success"
                added = payload(client.call("add_memories", {"pages": [
                    {"user_input": MARKER[name], "agent_response": "Saved."},
                    {"user_input": "I am allergic to penicillin.", "agent_response": "Noted."}]}))
                assert added["count"] == 2
            yield {"base": base, "config": config, "tokens": tokens, "log": log, "folder": folder, **clients}


def texts(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def test_each_user_has_a_store_of_their_own(team: dict[str, Any]) -> None:
    users = team["folder"] / "data" / "users"
    stores = {folder.name.split("-")[0]: folder / "memoryos.sqlite3" for folder in users.iterdir()}
    assert {"alice", "bob"} <= set(stores)
    alice_bytes = stores["alice"].read_bytes()
    assert b"zz9bobby" not in alice_bytes and b"qx7alice" in alice_bytes
    locks = [store.with_name("memoryos.sqlite3.lock") for store in stores.values()]
    assert all(lock.exists() for lock in locks)  # every user's store has its holder file, like any store
    assert any(_held(lock) for lock in locks)  # the engine open now (max_open_users 1) holds its store


def _held(lock: Path) -> bool:
    """True when another process holds the store (as `reembed` sees it)."""
    import fcntl
    import os

    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_tools_see_only_the_callers_memory(team: dict[str, Any]) -> None:
    alice: BlockingClient = team["alice"]
    found = payload(alice.call("retrieve_memory", {"query": "zz9bobby locker code", "max_results": 20}))
    found.pop("query")  # the question is echoed back
    assert "zz9bobby" not in texts(found) and "qx7alice" in texts(found)
    listed = payload(alice.call("list_memories", {"limit": 100}))
    assert listed["total"] == 4 and "zz9bobby" not in texts(listed)
    profile = payload(alice.call("get_user_profile", {"include_assistant_knowledge": True}))
    assert profile["user_id"] == "alice" and "zz9bobby" not in texts(profile)
    facts = payload(alice.call("list_knowledge", {"kind": "user", "include_history": True, "limit": 100}))
    assert "zz9bobby" not in texts(facts)
    assert payload(team["bob"].call("list_memories", {}))["total"] == 4


def test_resources_and_templates_see_only_the_callers_memory(team: dict[str, Any]) -> None:
    alice: BlockingClient = team["alice"]
    status = alice.resource("memoryos://status")
    assert status["user_id"] == "alice" and status["short_term_pages"] + status["mid_term_pages"] == 4
    assert alice.resource("memoryos://config")["user_id"] == "alice"
    assert "zz9bobby" not in texts(alice.resource("memoryos://profile"))
    bob_pages = payload(team["bob"].call("list_memories", {"limit": 100}))["pages"]
    for page in bob_pages:  # the same ids exist in both stores: alice reads her own page under each
        seen = alice.resource(f"memoryos://pages/{page['page_id']}")
        assert "zz9bobby" not in texts(seen)
    for segment_id in range(1, 6):
        try:
            assert "zz9bobby" not in texts(alice.resource(f"memoryos://segments/{segment_id}"))
        except Exception as exc:  # a segment id alice does not have reads as missing
            assert "no segment" in str(exc)


def test_deleting_and_correcting_touch_only_the_callers_memory(team: dict[str, Any]) -> None:
    alice: BlockingClient = team["alice"]
    bob: BlockingClient = team["bob"]
    bob_before = payload(bob.call("list_memories", {"limit": 100}))
    bob_facts = payload(bob.call("list_knowledge", {"limit": 100}))
    assert "999" in tool_error(alice.call("delete_memory", {"page_ids": [999]}))
    shared_id = next(p["page_id"] for p in payload(alice.call("list_memories", {"limit": 100}))["pages"]
                     if p["user_input"] == SHARED[0][0])
    assert payload(alice.call("delete_memory", {"page_ids": [shared_id]}))["deleted_page_ids"] == [shared_id]
    facts = payload(alice.call("list_knowledge", {"limit": 100}))["facts"]
    assert len(facts) >= 2 and {f["id"] for f in facts} & {f["id"] for f in bob_facts["facts"]}  # same ids in both
    payload(alice.call("update_knowledge", {"id": facts[0]["id"], "knowledge": "User is allergic to amoxicillin"}))
    assert payload(alice.call("delete_knowledge", {"ids": [facts[1]["id"]]}))["deleted_ids"] == [facts[1]["id"]]
    assert payload(bob.call("list_memories", {"limit": 100})) == bob_before
    assert payload(bob.call("list_knowledge", {"limit": 100})) == bob_facts
    assert payload(alice.call("forget_all", {"confirm": "DELETE ALL"}))["status"] == "success"
    assert payload(alice.call("list_memories", {}))["total"] == 0
    assert payload(bob.call("list_memories", {"limit": 100})) == bob_before


def test_viewer_api_and_export_see_only_the_callers_memory(team: dict[str, Any]) -> None:
    headers = {"Authorization": f"Bearer {team['tokens']['bob']}"}
    with httpx.Client(base_url=team["base"], headers=headers, timeout=60) as http:
        exported = http.get("/ui/api/export")
        assert exported.status_code == 200 and "zz9bobby" in exported.text and "qx7alice" not in exported.text
        overview = http.get("/ui/api/overview").json()
        assert overview["status"]["user_id"] == "bob" and "database_path" not in overview["status"]
        results = http.get("/ui/api/search", params={"q": "qx7alice locker code"}).json()
        assert results.pop("query") and "qx7alice" not in texts(results) and "zz9bobby" in texts(results)
        before = http.get("/ui/api/pages").json()
        for strange in ([True], ["1"], [1.0], [0], [2**63]):  # strict ids, as the tools: nothing is deleted
            refused = http.post("/ui/api/pages/delete", json={"page_ids": strange})
            assert refused.status_code == 400 and "page_ids" in refused.json()["error"]
        assert http.post("/ui/api/facts/delete", json={"ids": [True]}).status_code == 400
        assert http.get("/ui/api/pages/\u00b2").status_code == 404  # a digit to isdigit(), no id
        assert http.get("/ui/api/pages").json() == before
    assert httpx.get(f"{team['base']}/ui/api/overview").status_code == 401


def test_admin_acts_for_a_user_by_header_and_others_may_not(team: dict[str, Any]) -> None:
    base, tokens = team["base"], team["tokens"]
    with client_for(base, tokens["ops"], **{"X-MemoryOS-User-Id": "bob"}) as ops:
        assert "zz9bobby" in texts(payload(ops.call("list_memories", {"limit": 100})))
    mcp_headers = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
    refused = httpx.post(f"{base}/mcp", json=initialize, timeout=30, headers={
        **mcp_headers, "Authorization": f"Bearer {tokens['alice']}", "X-MemoryOS-User-Id": "bob"})
    assert refused.status_code == 403
    assert httpx.post(f"{base}/mcp", json=initialize, headers=mcp_headers, timeout=30).status_code == 401


def test_revoked_token_is_refused_without_a_restart(team: dict[str, Any]) -> None:
    config, base = team["config"], team["base"]
    token = add_token(config, "carol")
    headers = {"Authorization": f"Bearer {token}"}
    assert httpx.get(f"{base}/ui/api/overview", headers=headers, timeout=60).status_code == 200
    listed = subprocess.run([sys.executable, "-m", "memoryos_mcp", "tokens", "list", "--config", str(config)],
                            capture_output=True, text=True, check=True).stdout
    assert token not in listed and "carol" in listed
    subprocess.run([sys.executable, "-m", "memoryos_mcp", "tokens", "revoke", "--config", str(config),
                    "--user-id", "carol"], check=True, capture_output=True)
    assert httpx.get(f"{base}/ui/api/overview", headers=headers, timeout=60).status_code == 401


def test_logs_are_json_with_request_ids_and_no_secrets(team: dict[str, Any]) -> None:
    httpx.get(f"{team['base']}/healthz", timeout=30).raise_for_status()
    lines = [json.loads(line) for line in team["log"].read_text(encoding="utf-8").splitlines()
             if line.startswith("{")]
    calls = [line for line in lines if line["message"].startswith("tools/call")]
    assert calls and all(len(line["request_id"]) == 16 for line in calls)
    assert any("user='alice'" in line["message"] for line in calls)
    assert any("closed the memory of user" in line["message"] for line in lines)  # max_open_users=1
    text = team["log"].read_text(encoding="utf-8")
    assert not any(token in text for token in team["tokens"].values())
    assert "qx7alice" not in text and "Lisbon" not in text


def test_healthz_needs_no_token(team: dict[str, Any]) -> None:
    answer = httpx.get(f"{team['base']}/healthz", timeout=30)
    assert answer.json()["status"] == "ok" and answer.headers["x-request-id"]


def test_tokens_add_needs_the_key(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    done = subprocess.run([sys.executable, "-m", "memoryos_mcp", "tokens", "add", "--config", str(config),
                           "--user-id", "x"], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 2 and "auth_tokens_file is not set" in done.stderr


def test_viewer_api_follows_the_single_user_modes(tmp_path: Path) -> None:
    """One auth_token: the page loads without it, the API needs it; no token: loopback only, Host checked."""
    token = "correct-horse-battery-staple-42"
    for folder, overrides in (("one", {"auth_token": token}), ("none", {})):
        (tmp_path / folder).mkdir()
        config = write_config(tmp_path / folder, **overrides)
        with open(tmp_path / folder / "server.log", "w", encoding="utf-8") as errlog, \
                http_server(config, "streamable-http", errlog) as base:
            assert httpx.get(f"{base}/ui", timeout=30).status_code == 200
            assert httpx.get(f"{base}/healthz", timeout=30).status_code == 200
            overview = httpx.get(f"{base}/ui/api/overview", timeout=60)
            if overrides:
                assert overview.status_code == 401
                overview = httpx.get(f"{base}/ui/api/overview", headers={"Authorization": f"Bearer {token}"},
                                     timeout=60)
            assert overview.json()["status"]["user_id"] == "test_user"
            rebinding = httpx.get(f"{base}/ui/api/overview", timeout=30,
                                  headers={"Host": "evil.example.com", "Authorization": f"Bearer {token}"})
            assert rebinding.status_code == 421
