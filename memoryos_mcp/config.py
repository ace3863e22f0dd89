"""Settings: one pydantic model, built once at the entry point and passed down."""

from __future__ import annotations

import difflib
import json
import logging
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import ConfigError

logger = logging.getLogger(__name__)

#: Environment variables that override config-file values (secrets and endpoints).
ENV_OVERRIDES = {
    "OPENAI_API_KEY": "openai_api_key",
    "OPENAI_BASE_URL": "openai_base_url",
    "MEMORYOS_AUTH_TOKEN": "auth_token",
}
#: Keys whose values never appear in a message, whatever their type.
SECRET_KEYS = ("openai_api_key", "auth_token")

#: The embedding models that run offline from weights inside a registry package, by the
#: `embedding_model_name` that selects them (language/local_models.py loads each).
LOCAL_MODEL_NAMES = ("all-MiniLM-L6-v2", "multilingual-e5-small", "universal-sentence-encoder-multilingual-3")
#: Other spellings of the same models (the names they have on model hubs).
LOCAL_MODEL_ALIASES = {
    "sentence-transformers/all-MiniLM-L6-v2": "all-MiniLM-L6-v2",
    "intfloat/multilingual-e5-small": "multilingual-e5-small",
}


def local_model_name(name: str) -> str | None:
    """The registry name `name` stands for, or None when no local model has that name."""
    name = LOCAL_MODEL_ALIASES.get(name, name)
    return name if name in LOCAL_MODEL_NAMES else None


def local_model_choices() -> str:
    """The names a config may use with embedding_provider 'local', for error messages."""
    return ", ".join(repr(name) for name in LOCAL_MODEL_NAMES)


class MemoryConfig(BaseModel):
    """Every setting of the engine and the server, with its default and its bounds."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    user_id: str = Field("default_user", min_length=1, max_length=256)
    assistant_id: str = Field("default_assistant_profile", min_length=1, max_length=256)
    data_storage_path: Path = Path("memoryos_data")

    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_provider: Literal["auto", "offline", "openai"] = Field(
        "auto", description="auto: openai when an API key or base URL is set, else offline"
    )
    llm_timeout: float = Field(30.0, gt=0, le=600)
    llm_max_retries: int = Field(2, ge=0, le=10)

    embedding_provider: Literal["local", "openai"] = "local"
    embedding_model_name: str = Field("all-MiniLM-L6-v2", description="with 'local', a name of LOCAL_MODELS")

    short_term_capacity: int = Field(10, ge=1, le=10_000)
    mid_term_capacity: int = Field(2000, ge=1, le=1_000_000)
    long_term_knowledge_capacity: int = Field(1000, ge=1, le=100_000)
    retrieval_queue_capacity: int = Field(7, ge=1, le=1000)
    top_segments: int = Field(10, ge=1, le=1000)
    mid_term_heat_threshold: float = Field(5.0, gt=0)
    mid_term_similarity_threshold: float = Field(0.9, ge=0, le=2)
    max_text_chars: int = Field(100_000, ge=100, le=10_000_000)

    auth_token: SecretStr | None = None

    #: Where the settings came from (a file path, or "built-in defaults"), for error messages.
    _source: str = PrivateAttr("config")

    @field_validator("data_storage_path")
    @classmethod
    def _no_nul(cls, value: Path) -> Path:
        if "\x00" in str(value):
            raise ValueError("a path cannot contain a NUL character")
        return value

    @model_validator(mode="after")
    def _llm_needs_endpoint(self) -> MemoryConfig:
        if self.llm_provider == "openai" and not (self.openai_api_key or self.openai_base_url):
            raise ValueError(
                "llm_provider is 'openai' but neither openai_api_key nor openai_base_url is set: "
                "set OPENAI_API_KEY or openai_api_key in config.json"
            )
        if self.embedding_provider == "openai" and not (self.openai_api_key or self.openai_base_url):
            raise ValueError(
                "embedding_provider is 'openai' but neither openai_api_key nor openai_base_url is set"
            )
        if self.embedding_provider == "local" and local_model_name(self.embedding_model_name) is None:
            raise ValueError(
                f"embedding_model_name {self.embedding_model_name!r} is not a local model: choose one of "
                f"{local_model_choices()}, or set embedding_provider to 'openai' for a model served by an endpoint"
            )
        return self

    @property
    def uses_openai_llm(self) -> bool:
        if self.llm_provider == "auto":
            return bool(self.openai_api_key or self.openai_base_url)
        return self.llm_provider == "openai"

    @property
    def source(self) -> str:
        """The config file (or "built-in defaults") these settings came from."""
        return self._source

    @property
    def database_path(self) -> Path:
        return self.data_storage_path / "memoryos.sqlite3"

    def redacted(self) -> dict[str, Any]:
        """The effective settings with secrets masked, for `memoryos://config` and logs."""
        data = self.model_dump(mode="json")
        for key in ("openai_api_key", "auth_token"):
            data[key] = "***" if getattr(self, key) else None
        return data


def _shown(key: str, value: Any) -> str:
    """A rejected value as the error shows it: secrets only by type, so a key pasted wrongly stays secret."""
    if key in SECRET_KEYS:
        return f"a {type(value).__name__}, value not shown"
    return repr(value)


def describe_validation_error(error: ValidationError, source: str) -> str:
    """One line per problem, each naming the key: pydantic's own text is too noisy for a user."""
    parts = []
    for item in error.errors():
        key = ".".join(str(p) for p in item["loc"]) or "(config)"
        got = _shown(str(item["loc"][0]), item.get("input")) if item["loc"] else ""
        parts.append(f"{key}: {item['msg']} (got {got})" if item["loc"] else item["msg"])
    return f"{source}: " + "; ".join(parts)


def build_config(values: dict[str, Any], base_dir: Path | None = None, source: str = "config") -> MemoryConfig:
    """Validate raw values (file + env), warn on unknown keys, resolve a relative data path."""
    unknown = sorted(set(values) - set(MemoryConfig.model_fields))
    if unknown:
        logger.warning("%s: ignoring unknown config keys: %s%s", source, ", ".join(unknown), _suggestions(unknown))
    merged = dict(values)
    for env, key in ENV_OVERRIDES.items():
        if os.environ.get(env):
            merged[key] = os.environ[env]
    try:
        config = MemoryConfig(**{k: v for k, v in merged.items() if k in MemoryConfig.model_fields})
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(exc, source)) from None
    if not config.data_storage_path.is_absolute():
        config.data_storage_path = (base_dir or Path.cwd()) / config.data_storage_path
    config._source = source
    return config


def _suggestions(unknown: list[str]) -> str:
    """' (did you mean short_term_capacity for shortterm_capacity?)' for keys that look like typos."""
    guesses = []
    for key in unknown:
        close = difflib.get_close_matches(key, list(MemoryConfig.model_fields), n=1, cutoff=0.75)
        if close:
            guesses.append(f"{close[0]} for {key}")
    return f" (did you mean {', '.join(guesses)}?)" if guesses else ""


def load_config(path: str | Path) -> MemoryConfig:
    """Read a config.json; every failure is a ConfigError naming the file and the problem."""
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    try:
        values = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(values, dict):
        raise ConfigError(f"{path}: expected a JSON object of settings, got {type(values).__name__}")
    return build_config(values, base_dir=path.resolve().parent, source=str(path))
