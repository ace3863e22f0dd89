"""storage_url: the SQLite file it names is the store, a bad URL is one error naming the file, the key and
the problem (never the URL, which may hold a password), and status never shows a password."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from memoryos_mcp.config import MemoryConfig, load_config
from memoryos_mcp.errors import ConfigError
from memoryos_mcp.memory.engine import Memoryos
from tests.support import HashEmbedder


def write(folder: Path, values: dict[str, object]) -> Path:
    path = folder / "config.json"
    path.write_text(json.dumps(values), encoding="utf-8")
    return path


@pytest.mark.parametrize(("url", "problem"), [
    ("mysql://me:hunter2@db/memory", "expected sqlite:///"),
    ("sqlite://relative.sqlite3", "expected sqlite:///"),
    ("sqlite:///", "expected sqlite:///"),
    ("postgresql://me:hunter2@db", "names its database"),
])
def test_a_bad_url_names_the_file_the_key_and_the_problem(tmp_path: Path, url: str, problem: str) -> None:
    config_file = write(tmp_path, {"storage_url": url})
    with pytest.raises(ConfigError) as caught:
        load_config(config_file)
    message = str(caught.value)
    assert message.startswith(f"{config_file}: storage_url: ") and problem in message, message
    assert "hunter2" not in message


def test_a_relative_sqlite_url_is_beside_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path.parent)
    config = load_config(write(tmp_path, {"storage_url": "sqlite:///stores/mine.sqlite3",
                                          "data_storage_path": "unused"}))
    assert config.database_path == tmp_path / "stores" / "mine.sqlite3"
    memory = Memoryos.from_config(config, embedder=HashEmbedder())
    try:
        memory.add_memory("I keep bees on the roof.", "Lovely.")
        assert memory.status()["database_path"] == str(tmp_path / "stores" / "mine.sqlite3")
    finally:
        memory.close()
    assert (tmp_path / "stores" / "mine.sqlite3").is_file() and not (tmp_path / "unused").exists()


def test_the_password_never_shows() -> None:
    config = MemoryConfig(storage_url="postgresql://me:hunter2@db.example/memory")
    assert config.on_postgres
    assert config.redacted()["storage_url"] == "postgresql://me:***@db.example/memory"
