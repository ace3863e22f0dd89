"""Bad configuration: each problem is one line on stderr and exit code 2, and nothing is created half-way.

test_server_cli.py covers a missing file, invalid JSON, a negative short-term capacity, a text threshold and
a file as data path; these are the rest. Each goes through main() in-process (a refused start serves nothing), but
the unknown keys, whose server starts, serves its stdin to the end and stops.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from memoryos_mcp.language.embeddings import LocalEmbedder
from memoryos_mcp.server.main import main
from memoryos_mcp.store.sqlite import Store
from tests.support import HashEmbedder, open_memory
from tests.test_comprehensive import SERVER, free_port, server_env

pytestmark = pytest.mark.slow  # real server processes


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    before: dict[str, str]
    after: dict[str, str]


def listing(folder: Path) -> dict[str, str]:
    """Every path under the folder and a digest of its content: a failed start must change no byte."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "/"
            for path in folder.rglob("*")}


def not_a_database(folder: Path) -> None:
    (folder / "data").mkdir()
    (folder / "data" / "memoryos.sqlite3").write_bytes(b"this is not SQLite, just bytes " * 200)


def newer_schema(folder: Path) -> None:
    (folder / "data").mkdir()
    conn = sqlite3.connect(folder / "data" / "memoryos.sqlite3")
    conn.execute("PRAGMA user_version = 99")
    conn.close()


def foreign_database(folder: Path) -> None:
    """Another program's SQLite file (rollback journal, its own tables) where the store should be."""
    (folder / "data").mkdir()
    conn = sqlite3.connect(folder / "data" / "memoryos.sqlite3")
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    conn.commit()
    conn.close()


class LocalNamedEmbedder(HashEmbedder):
    """The hash embedder under the bundled model's name and size, so the server accepts the store it built."""

    name = LocalEmbedder.name
    dimension = LocalEmbedder.dimension


def damaged_in_the_middle(folder: Path) -> None:
    """A real store of 400 pages, then 64 bytes overwritten at the start of the page in the file's middle
    (a B-tree page header), as a bad sector or a stray write would leave it."""
    memory = open_memory(folder / "data", embedder=LocalNamedEmbedder())
    memory.add_memories([{"user_input": f"page {n} about hiking and tea", "agent_response": "ok"} for n in range(400)])
    memory.close()
    database = folder / "data" / "memoryos.sqlite3"
    data = bytearray(database.read_bytes())
    middle = (len(data) // 2) // 4096 * 4096
    data[middle : middle + 64] = bytes(range(64))
    database.write_bytes(bytes(data))


def database_is_a_folder(folder: Path) -> None:
    (folder / "data" / "memoryos.sqlite3").mkdir(parents=True)


def built_with_another_model(folder: Path) -> None:
    store = Store(folder / "data" / "memoryos.sqlite3")
    store.check_embedding_model("test:other-model", 8)
    store.close()


def config_is_a_folder(folder: Path) -> None:
    (folder / "config.json").unlink()
    (folder / "config.json").mkdir()


def not_utf8(folder: Path) -> None:
    (folder / "config.json").write_bytes(b'{"user_id": "caf\xe9"}')


#: (label, config.json text, preparation of the folder, words the one stderr line must contain).
Case = tuple[str, str, Callable[[Path], None] | None, list[str]]

#: Must never appear in an error, whatever type the secret was given as.
SECRET = "sk-do-not-print-me-0123456789"
#: Refused while reading the config, before anything is opened: checked in-process through main().
CONFIG_CASES: list[Case] = [
    ("config is a folder", "{}", config_is_a_folder, ["config.json", "cannot read"]),
    ("config not UTF-8", "{}", not_utf8, ["config.json", "cannot read"]),
    ("user_id a number", '{"user_id": 5}', None, ["config.json", "user_id"]),
    ("capacity as text", '{"short_term_capacity": "ten"}', None, ["short_term_capacity"]),
    ("capacity a fraction", '{"retrieval_queue_capacity": 2.5}', None, ["retrieval_queue_capacity"]),
    ("data path a list", '{"data_storage_path": ["a"]}', None, ["data_storage_path"]),
    ("negative mid-term capacity", '{"mid_term_capacity": -5}', None, ["mid_term_capacity", "greater than"]),
    ("zero knowledge capacity", '{"long_term_knowledge_capacity": 0}', None, ["long_term_knowledge_capacity"]),
    ("negative heat threshold", '{"mid_term_heat_threshold": -1}', None, ["mid_term_heat_threshold"]),
    ("similarity below 0", '{"mid_term_similarity_threshold": -0.1}', None, ["mid_term_similarity_threshold"]),
    ("retries out of range", '{"llm_max_retries": 50}', None, ["llm_max_retries"]),
    ("text limit too small", '{"max_text_chars": 10}', None, ["max_text_chars"]),
    ("unknown provider", '{"llm_provider": "anthropic"}', None, ["llm_provider"]),
    ("unknown local embedding model", '{"embedding_model_name": "BAAI/bge-m3"}', None,
     ["config.json", "embedding_model_name: 'BAAI/bge-m3' is not a local model", "'all-MiniLM-L6-v2'",
      "'multilingual-e5-small'", "'universal-sentence-encoder-multilingual-3'", "embedding_provider"]),
    ("openai without endpoint", '{"llm_provider": "openai"}', None, ["llm_provider", "openai_api_key"]),
    ("data path under a file", '{"data_storage_path": "config.json/data"}', None,
     ["config.json: data_storage_path", "writable"]),
    ("NUL in data path", '{"data_storage_path": "data\\u0000x"}', None, ["data_storage_path", "NUL"]),
    ("auth_token a list", json.dumps({"auth_token": [SECRET]}), None, ["auth_token", "list", "not shown"]),
    ("openai_api_key an object", json.dumps({"openai_api_key": {"key": SECRET}}), None,
     ["openai_api_key", "dict", "not shown"]),
    ("data path in /proc", '{"data_storage_path": "/proc/memoryos-test/data"}', None, ["/proc/memoryos-test"]),
]
#: Refused while opening the store or the embedder: real server processes, run side by side.
STORE_CASES: list[Case] = [
    ("store not a database", '{"data_storage_path": "data"}', not_a_database, ["data_storage_path", "not a database"]),
    ("store of another program", '{"data_storage_path": "data"}', foreign_database,
     ["data_storage_path", "another program", "not changed"]),
    ("store damaged in the middle", '{"data_storage_path": "data"}', damaged_in_the_middle,
     ["data_storage_path", "damaged", ".recover", "backup"]),
    ("store from a newer version", '{"data_storage_path": "data"}', newer_schema, ["schema version 99", "upgrade"]),
    ("store path a folder", '{"data_storage_path": "data"}', database_is_a_folder, ["data_storage_path", "database"]),
    ("store of another model", '{"data_storage_path": "data"}', built_with_another_model,
     ["'test:other-model'", "'local:all-MiniLM-L6-v2'", "memoryos-mcp reembed --config"]),
    ("embedding endpoint down", '{"data_storage_path": "data", "embedding_provider": "openai", "openai_base_url": '
     '"http://127.0.0.1:%d/v1", "llm_timeout": 1, "llm_max_retries": 0}', None, ["embedding", "127.0.0.1"]),
]
UNKNOWN_KEYS = '{"data_storage_path": "data", "colour": "blue", "shortterm_capacity": 3}'


def prepare_folder(folder: Path, text: str, prepare: Callable[[Path], None] | None) -> set[str]:
    folder.mkdir()
    (folder / "config.json").write_text(text.replace("%d", str(free_port())), encoding="utf-8")
    if prepare:
        prepare(folder)
    return listing(folder)


def check_refused(outcome: Outcome, needles: list[str]) -> None:
    lines = outcome.stderr.strip().splitlines()
    assert outcome.code == 2, outcome.stderr[-2000:]
    assert len(lines) == 1 and lines[0].startswith("memoryos-mcp: error: "), outcome.stderr[-2000:]
    assert all(needle in lines[0] for needle in needles), lines[0]
    assert SECRET not in outcome.stderr
    assert outcome.stdout == ""
    assert outcome.after == outcome.before, "nothing may be created (or removed) by a failed start"


def started_in_process(folder: Path, text: str, prepare: Callable[[Path], None] | None,
                       capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Outcome:
    """What `main()` answers when started in the prepared `folder`, and what the folder holds before and after."""
    before = prepare_folder(folder, text, prepare)
    monkeypatch.chdir(folder)
    code = main(["--config", str(folder / "config.json")])
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err, before, listing(folder))


@pytest.mark.parametrize(("label", "text", "prepare", "needles"), CONFIG_CASES, ids=[c[0] for c in CONFIG_CASES])
def test_bad_config_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch, label: str, text: str,
                                           prepare: Callable[[Path], None] | None, needles: list[str]) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MEMORYOS_AUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    check_refused(started_in_process(tmp_path / "case", text, prepare, capsys, monkeypatch), needles)


@pytest.mark.parametrize(("label", "text", "prepare", "needles"), STORE_CASES, ids=[c[0] for c in STORE_CASES])
def test_bad_store_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch, label: str, text: str,
                                          prepare: Callable[[Path], None] | None, needles: list[str]) -> None:
    check_refused(started_in_process(tmp_path / "case", text, prepare, capsys, monkeypatch), needles)


def test_unknown_keys_only_warn(tmp_path: Path) -> None:
    """A real server process: it starts, warns once, and stops when its stdin is at its end."""
    folder = tmp_path / "case"
    prepare_folder(folder, UNKNOWN_KEYS, None)
    process = subprocess.run([sys.executable, str(SERVER), "--config", str(folder / "config.json")], cwd=folder,
                             env=server_env(), stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    outcome = Outcome(process.returncode, process.stdout, process.stderr, set(), listing(folder))
    assert outcome.code == 0, outcome.stderr[-2000:]
    warnings = [line for line in outcome.stderr.splitlines() if "unknown config keys" in line]
    assert len(warnings) == 1 and "colour, shortterm_capacity" in warnings[0], outcome.stderr[-2000:]
    assert "did you mean short_term_capacity for shortterm_capacity?" in warnings[0], warnings[0]
    assert "data/memoryos.sqlite3" in outcome.after
