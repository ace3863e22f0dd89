"""MEMORYOS_* environment overrides: every config key, environment over file over defaults, an empty value
is "not set", and a bad value is one line naming the variable, the key and the problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from memoryos_mcp.cli import main
from memoryos_mcp.config import MemoryConfig, load_config
from memoryos_mcp.config_env import environment_overrides, variable_for
from memoryos_mcp.server.startup import resolve_config

#: A value for each key other than its default, as the environment would spell it, and what it becomes.
SAMPLES: dict[str, tuple[str, object]] = {
    "user_id": ("alice", "alice"),
    "assistant_id": ("helper", "helper"),
    "openai_base_url": ("http://127.0.0.1:9/v1", "http://127.0.0.1:9/v1"),
    "llm_model": ("llama3.1", "llama3.1"),
    "llm_provider": ("offline", "offline"),
    "llm_timeout": ("12.5", 12.5),
    "llm_max_retries": ("4", 4),
    "embedding_model_name": ("multilingual-e5-small", "multilingual-e5-small"),
    "short_term_capacity": ("4", 4),
    "mid_term_capacity": ("30", 30),
    "long_term_knowledge_capacity": ("50", 50),
    "retrieval_queue_capacity": ("3", 3),
    "top_segments": ("2", 2),
    "fact_confidence": ("0.3", 0.3),
    "mid_term_heat_threshold": ("2.5", 2.5),
    "mid_term_similarity_threshold": ("0.7", 0.7),
    "max_text_chars": ("5000", 5000),
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with no config.json, and no key from the caller's shell."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, values: dict[str, object]) -> Path:
    path = folder / "config.json"
    path.write_text(json.dumps(values), encoding="utf-8")
    return path


def test_every_config_key_has_a_variable() -> None:
    environ = {variable_for(key): "x" for key in MemoryConfig.model_fields}
    found = environment_overrides(MemoryConfig.model_fields, environ)
    assert set(found) == set(MemoryConfig.model_fields)
    assert found["data_storage_path"].variable == "MEMORYOS_DATA_STORAGE_PATH"


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_a_variable_overrides_the_file(folder: Path, monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    text, expected = SAMPLES[key]
    monkeypatch.setenv(variable_for(key), text)
    assert getattr(load_config(write(folder, {"short_term_capacity": 9, "user_id": "bob"})), key) == expected


def test_environment_over_file_over_defaults(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(folder, {"short_term_capacity": 3, "user_id": "from_file"})
    monkeypatch.setenv("MEMORYOS_USER_ID", "from_env")
    config = load_config(path)
    assert (config.user_id, config.short_term_capacity, config.mid_term_capacity) == ("from_env", 3, 2000)


def test_secrets_and_paths_from_the_environment(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-older-name")
    monkeypatch.setenv("MEMORYOS_OPENAI_API_KEY", "sk-from-memoryos")
    monkeypatch.setenv("MEMORYOS_DATA_STORAGE_PATH", "relative/memory")
    monkeypatch.setenv("MEMORYOS_AUTH_TOKEN", "t" * 20)
    config = resolve_config(None)
    assert config.openai_api_key is not None and config.openai_api_key.get_secret_value() == "sk-from-memoryos"
    assert config.auth_token is not None and config.auth_token.get_secret_value() == "t" * 20
    assert config.data_storage_path == folder / "relative" / "memory", "relative to where the server runs"
    assert config.redacted()["openai_api_key"] == "***"


def test_empty_values_are_not_set(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A desktop passes the optional fields a user left empty as empty strings, or as their placeholders."""
    for key in ("openai_api_key", "openai_base_url", "llm_model", "short_term_capacity", "embedding_provider"):
        monkeypatch.setenv(variable_for(key), "")
    monkeypatch.setenv("MEMORYOS_USER_ID", "   ")
    monkeypatch.setenv("MEMORYOS_ASSISTANT_ID", "${user_config.assistant_id}")  # a desktop had no value
    config = load_config(write(folder, {"short_term_capacity": 3}))
    assert config.openai_api_key is None and config.openai_base_url is None and not config.uses_openai_llm
    assert (config.llm_model, config.short_term_capacity, config.user_id) == ("gpt-4o-mini", 3, "default_user")
    assert (config.embedding_provider, config.assistant_id) == ("local", "default_assistant_profile")


@pytest.mark.parametrize(("variable", "value", "words"), [
    ("MEMORYOS_SHORT_TERM_CAPACITY", "ten", ["short_term_capacity", "valid integer", "'ten'"]),
    ("MEMORYOS_LLM_TIMEOUT", "-1", ["llm_timeout", "greater than 0"]),
    ("MEMORYOS_LLM_PROVIDER", "anthropic", ["llm_provider", "'offline'"]),
    ("MEMORYOS_EMBEDDING_MODEL_NAME", "BAAI/bge-m3", ["embedding_model_name", "is not a local model",
                                                      "'all-MiniLM-L6-v2'"]),
])
def test_a_bad_value_names_the_variable_the_key_and_the_problem(
        folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        variable: str, value: str, words: list[str]) -> None:
    monkeypatch.setenv(variable, value)
    monkeypatch.setenv("MEMORYOS_DATA_STORAGE_PATH", str(folder / "data"))
    assert main([]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("memoryos-mcp: error: "), captured.err
    assert f"environment variable {variable}" in lines[0], lines[0]
    assert all(word in lines[0] for word in words), lines[0]
    assert captured.out == "" and not (folder / "data").exists()

