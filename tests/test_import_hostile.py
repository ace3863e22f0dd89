"""Hostile and careless export files: every record is checked before the first write, one transaction per
file, capacity applies, and a bad file exits 2 with one line naming the file and line (issue 18, item 6)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from memoryos_mcp.errors import InvalidInputError
from tests.support import HashEmbedder, open_memory, read_store
from tests.test_comprehensive import write_config
from tests.test_export_import import cli

HEADER = {"type": "header", "format": "memoryos-mcp-export", "version": 1, "embedding_model": HashEmbedder.name,
          "embedding_dimension": HashEmbedder.dimension}
TABLES = ("pages", "segments", "chains", "knowledge", "knowledge_sources", "profiles")


def vector(values: Any) -> str:
    return base64.b64encode(np.asarray(values, dtype=np.float32).tobytes()).decode("ascii")


def good_records(pages: int = 300) -> list[dict[str, Any]]:
    """A chain of pages in one segment, a fact learnt from the first, a profile."""
    unit = vector(np.eye(HashEmbedder.dimension)[0])
    records: list[dict[str, Any]] = [
        {"type": "segment", "id": 1, "summary": "Recipes", "keywords": {"lentils": 3}, "embedding": unit},
        {"type": "chain", "id": 1, "meta_info": "Cooking"}]
    for n in range(1, pages + 1):
        records.append({"type": "page", "id": n, "user_input": f"I cooked recipe number{n}.", "agent_response": "Ok.",
                        "timestamp": f"2023-01-01 {n % 24:02d}:{n % 60:02d}:00", "tier": "mid", "segment": 1,
                        "chain": 1, "pre_page": n - 1 if n > 1 else None, "next_page": n + 1 if n < pages else None,
                        "enriched": True, "embedding": unit})
    records.append({"type": "fact", "id": 1, "kind": "user", "knowledge": "User cooks lentils", "sources": [1],
                    "embedding": unit})
    records.append({"type": "profile", "profile": "Cooks a lot, mostly lentils.", "updated_at": "2023-01-02"})
    return records


def write(path: Path, records: list[Any]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in [HEADER, *records]) + "\n",
                    encoding="utf-8")
    return path


def spoiled(index: int, **changes: Any) -> list[Any]:
    """The good file with one record changed near its end (after 256+ good pages)."""
    records = good_records()
    records[index] = {**records[index], **changes}
    return records


HOSTILE = {
    "nan in a fact vector": (spoiled(-2, embedding=vector([float("nan")] * HashEmbedder.dimension)), "finite"),
    "infinite page vector": (spoiled(-3, embedding=vector([float("inf")] * HashEmbedder.dimension)), "finite"),
    "short vector": (spoiled(-3, embedding=vector([0.1] * 3)), "has 3 values"),
    "vector not base64": (spoiled(-3, embedding="%%%"), "base64"),
    "bare NaN in JSON": (good_records()[:-2] + ['{"type": "fact", "kind": "user", "knowledge": "x", "mentions": NaN}'],
                         "not JSON"),
    "boolean id": (spoiled(-3, id=True), "id must be an integer id, got bool"),
    "huge id": (spoiled(-3, id=2**64), "id must be a positive integer below 2**63"),
    "string reference": (spoiled(-3, segment="1"), "segment must be an integer id"),
    "keywords not counts": (spoiled(0, keywords={"a": "many"}), "keywords"),
    "summary too long": (spoiled(0, summary="x" * 200_001), "summary is 200001 characters"),
    "n_visit a string": (spoiled(0, n_visit="3"), "n_visit"),
    "created_at infinite": (spoiled(0, created_at=1e999), "not JSON"),
    "fact sources not a list": (spoiled(-2, sources="1"), "sources"),
    "fact mentions zero": (spoiled(-2, mentions=0), "mentions"),
    "profile not text": (spoiled(-1, profile=["a"]), "profile must be a string"),
    "meta_info a number": (spoiled(1, meta_info=7), "meta_info must be a string"),
    "duplicate page id": (good_records() + [good_records()[2]], "a second page with id 1"),
    "enriched not a flag": (spoiled(-3, enriched="yes"), "enriched must be true or false"),
    "nested too deep": (good_records() + ["[" * 100_000 + "]" * 100_000], "not JSON"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_file_is_refused_before_anything_is_written(tmp_path: Path, case: str) -> None:
    records, expected = HOSTILE[case]
    path = write(tmp_path / "hostile.jsonl", records)
    with open_memory(tmp_path / "store") as memory:
        with pytest.raises(InvalidInputError) as caught:
            memory.import_(path)
    message = str(caught.value)
    assert expected in message and str(path) in message and "line " in message, message
    assert "\n" not in message and "nothing was imported" in message
    for table in TABLES:
        assert read_store(tmp_path / "store" / "memoryos.sqlite3", f"SELECT COUNT(*) FROM {table}")[0][0] == 0, table


def test_control_characters_are_removed_and_the_import_is_whole(tmp_path: Path) -> None:
    records = spoiled(0, summary="Recipes\x1b[31m\x00 red")
    with open_memory(tmp_path / "store") as memory:
        report = memory.import_(write(tmp_path / "ok.jsonl", records))
        assert report["pages_added"] == 300 and report["facts_added"] == 1
    database = tmp_path / "store" / "memoryos.sqlite3"
    assert read_store(database, "SELECT summary FROM segments") == [("Recipes[31m red",)]
    linked = read_store(database, "SELECT COUNT(*) FROM pages WHERE chain_id IS NOT NULL AND "
                                  "(pre_page IS NOT NULL OR next_page IS NOT NULL)")[0][0]
    assert linked == 300  # every page linked to its neighbours, past the old 256-page commit


def test_an_import_respects_the_fact_capacity(tmp_path: Path) -> None:
    records = good_records(20)[:-2] + [
        {"type": "fact", "id": n, "kind": "user", "knowledge": f"User owns bicycle model {n}", "sources": [n]}
        for n in range(1, 21)]
    with open_memory(tmp_path / "store", long_term_knowledge_capacity=5) as memory:
        assert memory.import_(write(tmp_path / "facts.jsonl", records))["facts_added"] == 20
        assert len(memory.knowledge("user")) == 5 and memory.status()["facts_evicted"] >= 15


def test_the_command_line_exits_2_with_one_line(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    path = write(tmp_path / "bad.jsonl", HOSTILE["boolean id"][0])
    refused = cli("import", "--config", str(config), str(path), cwd=tmp_path)
    assert refused.returncode == 2, refused.stderr
    lines = [line for line in refused.stderr.splitlines() if "INFO" not in line]
    assert len(lines) == 1 and str(path) in lines[0] and f"line {len(good_records()) - 1}" in lines[0], refused.stderr
    assert read_store(tmp_path / "data" / "memoryos.sqlite3", "SELECT COUNT(*) FROM pages")[0][0] == 0
