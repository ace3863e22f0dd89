"""The command line never destroys a store by a slip: export's --output and an emptied database file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support import open_memory, read_store
from tests.test_comprehensive import write_config
from tests.test_export_import import cli


def test_export_never_overwrites_the_store_the_config_or_a_file(tmp_path: Path, local_embedder: Any) -> None:
    config = write_config(tmp_path)
    database = tmp_path / "data" / "memoryos.sqlite3"
    with open_memory(tmp_path / "data", embedder=local_embedder, user_id="test_user") as memory:
        memory.add_memory("My bike is a red Gazelle.", "Nice bike.")
    config_text = config.read_text(encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    (tmp_path / "link.sqlite3").symlink_to(database)

    for output, expected in ((database, "is the live database"), (tmp_path / "link.sqlite3", "is the live database"),
                             (config, "is the config file"), (notes, "already exists"), (tmp_path, "is a folder")):
        refused = cli("export", "--config", str(config), "--output", str(output), cwd=tmp_path)
        assert refused.returncode == 2 and expected in refused.stderr, (output, refused.stderr)
        assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr
    forced = cli("export", "--config", str(config), "--output", str(database), "--force", cwd=tmp_path)
    assert forced.returncode == 2 and "is the live database" in forced.stderr
    assert config.read_text(encoding="utf-8") == config_text and notes.read_text(encoding="utf-8") == "keep me"
    assert read_store(database, "SELECT user_input FROM pages") == [("My bike is a red Gazelle.",)]

    overwritten = cli("export", "--config", str(config), "--output", str(notes), "--force", cwd=tmp_path)
    assert overwritten.returncode == 0, overwritten.stderr
    assert "red Gazelle" in notes.read_text(encoding="utf-8")


def test_an_empty_database_file_is_refused_at_start_up(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    database = tmp_path / "data" / "memoryos.sqlite3"
    database.parent.mkdir()
    database.write_bytes(b"")
    for command in ([], ["export"], ["import", str(tmp_path / "none.jsonl")]):
        refused = cli(*command, "--config", str(config), cwd=tmp_path) if command else cli("--config", str(config),
                                                                                             cwd=tmp_path)
        assert refused.returncode == 2, (command, refused.stderr)
        assert f"{database} is empty (0 bytes)" in refused.stderr and "delete it" in refused.stderr, refused.stderr
    assert database.stat().st_size == 0

    database.unlink()  # the way out: a new store, which is never an empty file
    with open_memory(tmp_path / "data") as memory:
        memory.add_memory("I water the plants on Sundays.", "Good routine.")
    assert database.stat().st_size > 0


def test_migrate_given_the_arguments_the_wrong_way_round_never_shows_the_password(tmp_path: Path) -> None:
    swapped = cli("migrate", "--from", "postgresql://memoryos:s3cret-pw@db/memoryos",
                  "--to", f"sqlite:///{tmp_path / 'memoryos.sqlite3'}", cwd=tmp_path)
    assert swapped.returncode == 2 and "--from: expected sqlite:///" in swapped.stderr, swapped.stderr
    assert "s3cret-pw" not in swapped.stderr and "memoryos:***@db" in swapped.stderr
