"""The server process from the outside: stdout carries JSON-RPC only, signals close the engine,
start-up problems exit 2 with one line, and every entry point starts."""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from memoryos_mcp.errors import MemoryosError
from memoryos_mcp.server.startup import StartupError, check_exposure, one_line, parse_args, prepare, resolve_config
from memoryos_mcp.server.tool_errors import tidy
from tests.test_comprehensive import REPO, SERVER, http_server, server_env, write_config

#: A guard against a hung test, not a speed requirement.
ANSWER_TIMEOUT = 300
INITIALIZE = {"protocolVersion": "2025-11-25", "capabilities": {},
              "clientInfo": {"name": "raw-test", "version": "1"}}


class RawSession:
    """JSON-RPC over the server's pipes by hand, keeping every stdout line for inspection."""

    def __init__(self, config: Path, stderr: Path) -> None:
        self._stderr = open(stderr, "w", encoding="utf-8")
        self.process = subprocess.Popen([sys.executable, str(SERVER), "--config", str(config)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
                                        env=server_env(), cwd=str(config.parent))
        self.lines: list[str] = []
        self._next_id = 0
        self._unread = b""  # read from the pipe, not yet split into lines

    def notify(self, method: str, params: dict[str, Any] | None = None) -> None:
        self._send({"jsonrpc": "2.0", "method": method, **({"params": params} if params else {})})

    def request(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        self._next_id += 1
        self._send({"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params or {}})
        return self.answer(self._next_id)

    def answer(self, number: int | None) -> dict[str, Any]:
        """Read stdout until the answer with this id (keeping every line read)."""
        while True:
            line = self._readline(number)
            self.lines.append(line)
            message = json.loads(line)
            if message.get("id") == number:
                return message

    def _readline(self, number: int | None) -> str:
        """One line from stdout: raw reads, since select() cannot see lines a buffered reader already holds."""
        while b"\n" not in self._unread:
            ready, _, _ = select.select([self.process.stdout], [], [], ANSWER_TIMEOUT)
            assert ready, f"no answer to request {number} within {ANSWER_TIMEOUT} s"
            chunk = os.read(self.process.stdout.fileno(), 1 << 16)
            assert chunk, "server closed stdout before answering"
            self._unread += chunk
        line, _, self._unread = self._unread.partition(b"\n")
        return line.decode("utf-8") + "\n"

    def _send(self, message: dict[str, Any]) -> None:
        self.send_lines([json.dumps(message)])

    def send_lines(self, lines: list[str]) -> None:
        """Raw request lines, written at once (pipelined: nothing waits for an answer in between)."""
        self.process.stdin.write("".join(line + "\n" for line in lines).encode("utf-8"))
        self.process.stdin.flush()

    def close(self) -> int:
        """EOF on stdin, the way desktop clients stop a server; returns the exit code."""
        self.process.stdin.close()
        rest = self._unread + self.process.stdout.read()
        self.lines.extend(rest.decode("utf-8").splitlines(keepends=True))
        self.process.stdout.close()
        code = self.process.wait(timeout=120)
        self._stderr.close()
        return code


@pytest.mark.slow
def test_stdout_carries_only_json_rpc(tmp_path: Path) -> None:
    session = RawSession(write_config(tmp_path), tmp_path / "stderr.log")
    session.request("initialize", INITIALIZE)
    session.notify("notifications/initialized")
    session.request("tools/list")
    for number in range(6):  # past short-term capacity: moves, segment work and promotion all log
        answer = session.request("tools/call", {"name": "add_memory", "arguments": {
            "user_input": f"I visited city number {number} and loved the food.", "agent_response": "Nice!"}})
        assert answer["result"].get("isError") is not True, answer
    session.request("tools/call", {"name": "retrieve_memory", "arguments": {"query": "food"}})
    session.request("tools/call", {"name": "get_user_profile", "arguments": {}})
    session.request("tools/call", {"name": "add_memory", "arguments": {"user_input": ""}})
    session.request("resources/read", {"uri": "memoryos://status"})
    assert session.close() == 0
    assert len(session.lines) >= 12
    for line in session.lines:
        message = json.loads(line)
        assert message["jsonrpc"] == "2.0" and ("id" in message or "method" in message), line
    log = (tmp_path / "stderr.log").read_text(encoding="utf-8")
    assert "memory engine open" in log and "closing the memory engine" in log


@pytest.mark.slow
def test_sigterm_closes_the_engine(tmp_path: Path) -> None:
    session = RawSession(write_config(tmp_path), tmp_path / "stderr.log")
    session.request("initialize", INITIALIZE)
    session.notify("notifications/initialized")
    session.request("tools/call", {"name": "add_memory", "arguments": {"user_input": "a", "agent_response": "b"}})
    session.process.send_signal(signal.SIGTERM)
    assert session.process.wait(timeout=120) == 0
    session.close()
    assert "closing the memory engine" in (tmp_path / "stderr.log").read_text(encoding="utf-8")


def run_server(*args: str, cwd: Path, module: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "memoryos_mcp"] if module else [sys.executable, str(SERVER)]
    return subprocess.run([*command, *args], cwd=cwd, env=server_env(), capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def config_file(folder: Path, text: str) -> Path:
    path = folder / "config.json"
    path.write_text(text, encoding="utf-8")
    return path


STARTUP_PROBLEMS = [
    ("missing file", None, ["--config", "nowhere.json"], ["nowhere.json", "not found"]),
    ("invalid JSON", '{"user_id": "a",', [], ["config.json", "invalid JSON", "line 1"]),
    ("not an object", "[1, 2]", [], ["config.json", "JSON object"]),
    ("negative capacity", '{"short_term_capacity": -1}', [], ["short_term_capacity", "greater than"]),
    ("wrong type", '{"mid_term_heat_threshold": "hot"}', [], ["mid_term_heat_threshold"]),
    ("threshold out of range", '{"mid_term_similarity_threshold": 7}', [], ["mid_term_similarity_threshold"]),
    ("data path is a file", '{"data_storage_path": "config.json"}', [], ["data_storage_path", "writable"]),
    ("public host without token", "{}", ["--transport", "streamable-http", "--host", "0.0.0.0"],
     ["0.0.0.0", "auth_token", "MEMORYOS_AUTH_TOKEN"]),
]


def startup_arguments(folder: Path, text: str | None, args: list[str]) -> list[str]:
    return args if text is None else ["--config", str(config_file(folder, text)), *args]


@pytest.mark.parametrize(("label", "text", "args", "needles"), STARTUP_PROBLEMS, ids=[p[0] for p in STARTUP_PROBLEMS])
def test_startup_problem_names_the_problem(tmp_path: Path, monkeypatch: Any, label: str, text: str | None,
                                           args: list[str], needles: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(MemoryosError) as caught:
        prepare(parse_args(startup_arguments(tmp_path, text, args)))
    message = one_line(caught.value)
    assert all(needle in message for needle in needles), message
    assert not (tmp_path / "memoryos_data").exists()


@pytest.mark.slow
@pytest.mark.parametrize(("label", "text", "args", "needles"), [STARTUP_PROBLEMS[0], STARTUP_PROBLEMS[3]])
def test_startup_problem_exits_2_with_one_line(tmp_path: Path, label: str, text: str | None, args: list[str],
                                               needles: list[str]) -> None:
    result = run_server(*startup_arguments(tmp_path, text, args), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("memoryos-mcp: error: "), result.stderr
    assert all(needle in lines[0] for needle in needles), lines[0]
    assert result.stdout == ""


@pytest.mark.slow
def test_busy_port_exits_2(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_server("--config", str(write_config(tmp_path)), "--transport", "sse", "--port", str(port),
                            cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    # Checked before the model loads: the error is the only line, even at the INFO log level.
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"memoryos-mcp: error: cannot listen on 127.0.0.1:{port}: "
                                                   "Address already in use"), result.stderr


@pytest.mark.slow
def test_first_run_niceties(tmp_path: Path) -> None:
    """--version; the import the README uses; "listening on" gives the endpoint's full URL; no access log."""
    version = run_server("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == "memoryos-mcp 0.1.0"
    from memoryos_mcp import load_config  # noqa: PLC0415 - the README's import

    assert load_config(REPO / "config.json").short_term_capacity >= 1
    for transport, path in (("streamable-http", "/mcp"), ("sse", "/sse")):
        log = tmp_path / f"{transport}.log"
        with open(log, "w", encoding="utf-8") as errlog, http_server(write_config(tmp_path), transport, errlog) as base:
            with httpx.Client(timeout=30) as http:
                http.get(f"{base}/mcp?token=secret-in-a-query-string")
        text = log.read_text(encoding="utf-8")
        assert f"listening on {base}{path}" in text, text
        assert "uvicorn.access" not in text and "secret-in-a-query-string" not in text, text


@pytest.mark.slow
def test_entry_points_start(tmp_path: Path) -> None:
    result = run_server("--help", cwd=tmp_path, module=True)  # server.py itself runs in every other test
    assert result.returncode == 0 and "--transport" in result.stdout
    script = Path(sys.executable).parent / "memoryos-mcp"
    if script.exists():  # the console script of an installed (or editable) checkout
        result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0 and "streamable-http" in result.stdout


def test_default_config_is_the_local_file_or_the_builtin_one(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_config(None).data_storage_path == tmp_path / "memoryos_data"
    config_file(tmp_path, '{"user_id": "from_file", "data_storage_path": "elsewhere"}')
    config = resolve_config(None)
    assert (config.user_id, config.data_storage_path) == ("from_file", tmp_path / "elsewhere")


def test_shipped_config_works_offline(monkeypatch: Any) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    config = resolve_config(REPO / "config.json")
    assert not config.uses_openai_llm
    assert config.data_storage_path == REPO / "memoryos_data"
    shipped = json.loads((REPO / "mcp.json").read_text(encoding="utf-8"))["mcpServers"]
    assert shipped["memoryos"]["args"][0].endswith("server.py") and shipped["memoryos-http"]["url"].endswith("/mcp")


def test_exposure_rules() -> None:
    config = resolve_config(REPO / "config.json")
    check_exposure(config, parse_args(["--transport", "sse", "--host", "127.0.0.1"]))
    check_exposure(config, parse_args(["--host", "0.0.0.0"]))  # stdio never listens
    with pytest.raises(StartupError, match="auth_token"):
        check_exposure(config, parse_args(["--transport", "sse", "--host", "192.168.1.5"]))
    config.auth_token = "a-long-random-token"
    check_exposure(config, parse_args(["--transport", "sse", "--host", "192.168.1.5"]))
    config.auth_token = "   "  # blank counts as no token
    with pytest.raises(StartupError, match="not a loopback"):
        check_exposure(config, parse_args(["--transport", "sse", "--host", "192.168.1.5"]))
    config.auth_token = "short"
    with pytest.raises(StartupError, match="at least 16"):
        check_exposure(config, parse_args(["--transport", "sse"]))


def test_pydantic_errors_become_one_line() -> None:
    text = ("Error executing tool add_memory: 2 validation errors for add_memoryArguments\nuser_input\n"
            "  Field required [type=missing, input_value={}, input_type=dict]\n"
            "    For further information visit https://errors.pydantic.dev/2/v/missing\nagent_response\n"
            "  Input should be a valid string [type=string_type, input_value=5, input_type=int]\n")
    assert tidy(text) == ("Error executing tool add_memory: invalid arguments: user_input: Field required; "
                           "agent_response: Input should be a valid string")
    assert tidy("Error executing tool x: timestamp is bad") == "Error executing tool x: timestamp is bad"
    assert "server log" in tidy("Error executing tool x")


@pytest.mark.slow
def test_hostile_input_leaves_the_server_serving(tmp_path: Path) -> None:
    session = RawSession(write_config(tmp_path), tmp_path / "stderr.log")
    session.request("initialize", INITIALIZE)
    session.notify("notifications/initialized")
    # Lines the SDK cannot parse (garbage, invalid UTF-8, a lone surrogate escape) get a parse error.
    session.process.stdin.write(b"{this is not json\n\xff\xfe\n" + json.dumps(
        {"jsonrpc": "2.0", "id": 99, "method": "tools/call", "params": {"name": "add_memory", "arguments": {
            "user_input": "lone \ud800 surrogate", "agent_response": "x"}}}).encode() + b"\n")
    session.process.stdin.flush()
    assert session.answer(99)["error"]["code"] == -32700
    assert session.request("ping") == {"jsonrpc": "2.0", "id": 2, "result": {}}
    unreadable = [json.loads(line) for line in session.lines if '"id":null' in line.replace(" ", "")]
    assert [m["error"]["code"] for m in unreadable] == [-32700, -32700], session.lines
    nested: dict[str, Any] = {}
    for _ in range(60):
        nested = {"a": nested}
    hostile = [
        {"user_input": "a", "agent_response": "b", "meta_data": nested},
        {"user_input": "y" * 1_100_000, "agent_response": "b"},
        {"user_input": "'); DROP TABLE pages; --", "agent_response": "../../etc/passwd"},
        {"user_input": "bell \x07 and nul \x00 inside", "agent_response": "ok"},
    ]
    outcomes = []
    for arguments in hostile:
        answer = session.request("tools/call", {"name": "add_memory", "arguments": arguments})
        outcomes.append(answer["result"].get("isError", False))
    assert outcomes == [True, True, False, False]
    found = session.request("tools/call", {"name": "retrieve_memory", "arguments": {"query": "DROP TABLE"}})
    assert "DROP TABLE" in json.dumps(found["result"]["structuredContent"])
    assert session.close() == 0


def deep_add_memory(number: int, depth: int) -> str:
    """An add_memory request line whose meta_data is nested `depth` levels deep (valid JSON)."""
    return (f'{{"jsonrpc": "2.0", "id": {number}, "method": "tools/call", "params": {{"name": "add_memory", '
            f'"arguments": {{"user_input": "a", "agent_response": "b", "meta_data": '
            + '{"a": ' * depth + "1" + "}" * depth + "}}}")


@pytest.mark.slow
def test_every_request_line_gets_an_answer(tmp_path: Path) -> None:
    """Nesting past the SDK parser's depth limit used to go unanswered over stdio (the client hung): now a
    JSON-RPC parse error with the request's id, as over HTTP; shallower nesting is a tool error naming meta_data."""
    session = RawSession(write_config(tmp_path), tmp_path / "stderr.log")
    session.request("initialize", INITIALIZE)
    session.notify("notifications/initialized")
    for number, depth in ((10, 150), (11, 200), (12, 2_000), (13, 100_000)):
        session.send_lines([deep_add_memory(number, depth)])
        answer = session.answer(number)
        if depth == 150:
            assert answer["result"]["isError"] and "meta_data" in answer["result"]["content"][0]["text"], answer
        else:
            assert answer["error"]["code"] == -32700, answer
    added = session.request("tools/call", {"name": "add_memory", "arguments": {"user_input": "still here",
                                                                              "agent_response": "ok"}})
    assert not added["result"]["isError"]
    assert session.close() == 0
    log = (tmp_path / "stderr.log").read_text(encoding="utf-8")
    assert "refused a request the protocol layer cannot parse (id 11, " in log
    assert '{"a": {"a"' not in log, "the refused request's content is the caller's data: never logged"


@pytest.mark.slow
def test_pipelined_calls_read_their_own_writes(tmp_path: Path) -> None:
    """Requests written back to back, without waiting: each retrieve sees the add sent just before it, and
    the answers come back in the order the requests were sent."""
    session = RawSession(write_config(tmp_path, short_term_capacity=100), tmp_path / "stderr.log")
    session.request("initialize", INITIALIZE)
    session.notify("notifications/initialized")
    lines = []
    for turn in range(25):
        lines.append(json.dumps({"jsonrpc": "2.0", "id": 1000 + 2 * turn, "method": "tools/call", "params": {
            "name": "add_memory", "arguments": {"user_input": f"token-{turn} is my word", "agent_response": "ok"}}}))
        lines.append(json.dumps({"jsonrpc": "2.0", "id": 1001 + 2 * turn, "method": "tools/call", "params": {
            "name": "retrieve_memory", "arguments": {"query": f"token-{turn}", "max_results": 1}}}))
    session.send_lines(lines)
    last = session.answer(1049)
    answers = [json.loads(line) for line in session.lines if '"id":1' in line.replace(" ", "")]
    answers = [a for a in answers if isinstance(a.get("id"), int) and a["id"] >= 1000]
    assert [a["id"] for a in answers] == list(range(1000, 1050)), "answers out of order"
    for turn in range(25):
        seen = answers[2 * turn + 1]["result"]["structuredContent"]["short_term_memory"]
        assert f"token-{turn} is my word" in [p["user_input"] for p in seen], (turn, [p["user_input"] for p in seen])
    assert last["id"] == 1049
    assert session.close() == 0


def test_readme_demo_has_its_own_store() -> None:
    """The README's Inspector examples write a demo memory: never into the store of the shipped config."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    inspector = readme[readme.index("### MCP Inspector"):readme.index("## Tools and resources")]
    assert "--config examples/demo-config.json" in inspector and "--config config.json" not in inspector
    demo, shipped = resolve_config(REPO / "examples" / "demo-config.json"), resolve_config(REPO / "config.json")
    assert demo.data_storage_path == REPO / "examples" / "demo_data" != shipped.data_storage_path
    assert demo.user_id != shipped.user_id
