"""Settings: one pydantic model, built once at the entry point and passed down."""

from __future__ import annotations

import difflib
import json
import logging
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .config_env import environment_overrides
from .errors import ConfigError

logger = logging.getLogger(__name__)

#: Keys whose values never appear in a message, whatever their type.
SECRET_KEYS = ("openai_api_key", "auth_token", "storage_url")

#: The schemes storage_url accepts: the SQLite file (the default) and a PostgreSQL server with pgvector.
SQLITE_PREFIX = "sqlite:///"
POSTGRES_SCHEMES = ("postgresql", "postgres")

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
    storage_url: str | None = Field(None, description="sqlite:///path (default: memoryos.sqlite3 in "
                                    "data_storage_path) or postgresql://user@host/database")

    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_provider: Literal["auto", "offline", "openai", "sampling"] = Field(
        "auto", description="auto: openai when an API key or base URL is set, else the MCP client's model "
        "through sampling when the client offers it, else offline"
    )
    llm_timeout: float = Field(30.0, gt=0, le=600)
    llm_max_retries: int = Field(2, ge=0, le=10)
    sampling_max_requests_per_hour: int = Field(120, ge=1, le=100_000)
    sampling_max_tokens: int = Field(1024, ge=64, le=32_000)

    embedding_provider: Literal["local", "openai"] = "local"
    embedding_model_name: str = Field("all-MiniLM-L6-v2", description="with 'local', a name of LOCAL_MODELS")

    short_term_capacity: int = Field(10, ge=1, le=10_000)
    mid_term_capacity: int = Field(2000, ge=1, le=1_000_000)
    long_term_knowledge_capacity: int = Field(1000, ge=1, le=100_000)
    retrieval_queue_capacity: int = Field(7, ge=1, le=1000)
    top_segments: int = Field(10, ge=1, le=1000)
    fact_confidence: float = Field(0.4, ge=0, le=1)
    mid_term_heat_threshold: float = Field(5.0, gt=0)
    mid_term_similarity_threshold: float = Field(0.6, ge=0, le=2)
    max_text_chars: int = Field(100_000, ge=100, le=10_000_000)

    auth_token: SecretStr | None = None
    auth_tokens_file: Path | None = Field(None, description="token -> user file of a team server (HTTP only)")
    max_open_users: int = Field(32, ge=1, le=10_000, description="per-user engines kept open by a team server")
    user_idle_seconds: float = Field(600.0, gt=0, description="a team server closes a user's engine idle this long")

    #: Where the settings came from (a file path, or "built-in defaults"), for error messages.
    _source: str = PrivateAttr("config")

    @field_validator("data_storage_path", "auth_tokens_file")
    @classmethod
    def _no_nul(cls, value: Path | None) -> Path | None:
        if value is not None and "\x00" in str(value):
            raise ValueError("a path cannot contain a NUL character")
        return value

    @field_validator("storage_url")
    @classmethod
    def _storage_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        scheme, _, rest = value.partition("://")
        if value.startswith(SQLITE_PREFIX) and value[len(SQLITE_PREFIX):].strip():
            return value
        if scheme in POSTGRES_SCHEMES and rest and urlsplit(value).path.strip("/"):
            return value
        if scheme in POSTGRES_SCHEMES:
            raise ValueError("a postgresql:// URL names its database: postgresql://user@host/database")
        raise ValueError("expected sqlite:///path/to/memoryos.sqlite3 or postgresql://user@host/database")

    @field_validator("embedding_model_name")
    @classmethod
    def _local_model_exists(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("embedding_provider") == "local" and local_model_name(value) is None:
            raise ValueError(
                f"{value!r} is not a local model: choose one of {local_model_choices()}, "
                "or set embedding_provider to 'openai' for a model served by an endpoint"
            )
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
    def on_postgres(self) -> bool:
        """Whether the store is a PostgreSQL database (storage_url) rather than the SQLite file."""
        return self.storage_url is not None and not self.storage_url.startswith(SQLITE_PREFIX)

    @property
    def database_path(self) -> Path:
        """The SQLite file (unused on PostgreSQL): storage_url's path, or memoryos.sqlite3 in data_storage_path."""
        if self.storage_url is not None and self.storage_url.startswith(SQLITE_PREFIX):
            return Path(self.storage_url[len(SQLITE_PREFIX):])
        return self.data_storage_path / "memoryos.sqlite3"

    def redacted(self) -> dict[str, Any]:
        """The effective settings with secrets masked, for `memoryos://config` and logs."""
        data = self.model_dump(mode="json")
        for key in ("openai_api_key", "auth_token"):
            data[key] = "***" if getattr(self, key) else None
        if self.storage_url is not None:
            data["storage_url"] = without_password(self.storage_url)
        return data


def without_password(url: str) -> str:
    """A database URL as logs and status may show it: any password replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)).geturl()


def _shown(key: str, value: Any) -> str:
    """A rejected value as the error shows it: secrets only by type, so a key pasted wrongly stays secret."""
    if key in SECRET_KEYS:
        return f"a {type(value).__name__}, value not shown"
    return repr(value)


def describe_validation_error(error: ValidationError, source: str, variables: dict[str, str] | None = None) -> str:
    """One line per problem, each naming the key (and the environment variable that set it, from
    `variables`): pydantic's own text is too noisy for a user."""
    parts = []
    for item in error.errors():
        message = item["msg"].removeprefix("Value error, ")  # our own validators' words stand alone
        if not item["loc"]:
            parts.append(message)
            continue
        top = str(item["loc"][0])
        key = ".".join(str(p) for p in item["loc"])
        where = f"environment variable {variables[top]} ({key})" if variables and top in variables else key
        parts.append(f"{where}: {message} (got {_shown(top, item.get('input'))})")
    return f"{source}: " + "; ".join(parts)


def build_config(values: dict[str, Any], base_dir: Path | None = None, source: str = "config") -> MemoryConfig:
    """Validate raw values (file, then MEMORYOS_* environment overrides), warn on unknown keys, resolve a
    relative data path."""
    unknown = sorted(set(values) - set(MemoryConfig.model_fields))
    if unknown:
        logger.warning("%s: ignoring unknown config keys: %s%s", source, ", ".join(unknown), _suggestions(unknown))
    overrides = environment_overrides(MemoryConfig.model_fields)
    merged = {**values, **{key: override.value for key, override in overrides.items()}}
    try:
        config = MemoryConfig(**{k: v for k, v in merged.items() if k in MemoryConfig.model_fields})
    except ValidationError as exc:
        variables = {key: override.variable for key, override in overrides.items()}
        raise ConfigError(describe_validation_error(exc, source, variables)) from None
    if not config.data_storage_path.is_absolute():
        # A path from the file is relative to the file; one from the environment, to where the server runs.
        relative_to = Path.cwd() if "data_storage_path" in overrides else base_dir or Path.cwd()
        config.data_storage_path = relative_to / config.data_storage_path
    if config.storage_url is not None and not config.on_postgres and not config.database_path.is_absolute():
        relative_to = Path.cwd() if "storage_url" in overrides else base_dir or Path.cwd()
        config.storage_url = SQLITE_PREFIX + str(relative_to / config.database_path)
    if config.auth_tokens_file is not None and not config.auth_tokens_file.is_absolute():
        relative_to = Path.cwd() if "auth_tokens_file" in overrides else base_dir or Path.cwd()
        config.auth_tokens_file = relative_to / config.auth_tokens_file
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
