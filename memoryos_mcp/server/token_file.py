"""The team's tokens file: bearer token -> (user_id, assistant_id, role), each token stored only as its SHA-256.

A stolen copy of the file grants nothing; a lost token is revoked and a new one added. The running server
re-reads the file when it changes, so `memoryos-mcp tokens add|revoke` take effect without a restart.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from ..errors import ConfigError

logger = logging.getLogger(__name__)

Role = Literal["user", "admin"]
#: New tokens: a recognisable prefix (secret scanners, logs review) and 256 random bits.
TOKEN_PREFIX = "mos_"


class Tenant(BaseModel, frozen=True):
    """Whose memory a request acts on, and whether it may act for other users (admin)."""

    user_id: str = Field(min_length=1, max_length=256)
    assistant_id: str = Field(min_length=1, max_length=256)
    role: Role = "user"


class TokenEntry(Tenant, frozen=True):
    """One line of the file: a public id (to list and revoke), the token's hash, and its tenant."""

    id: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    created: str


class TokenFileContent(BaseModel):
    format: Literal["memoryos-tokens"] = "memoryos-tokens"
    version: Literal[1] = 1
    tokens: list[TokenEntry] = []


def token_hash(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


def read_tokens(path: Path) -> TokenFileContent:
    """The file's entries; a missing file is an empty team, a damaged one a ConfigError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return TokenFileContent()
    except OSError as exc:
        raise ConfigError(f"{path}: auth_tokens_file cannot be read: {exc.strerror or exc}") from None
    try:
        return TokenFileContent.model_validate_json(text)
    except ValidationError as exc:
        problem = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:3])
        raise ConfigError(f"{path}: auth_tokens_file is not a tokens file ({problem}); fix it or move it away and "
                          "add tokens again with memoryos-mcp tokens add") from None


def write_tokens(path: Path, content: TokenFileContent) -> None:
    """Atomic replace, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(prefix=".tokens-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps(content.model_dump(mode="json"), indent=2) + "\n")
        os.chmod(scratch, 0o600)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def add_token(path: Path, user_id: str, assistant_id: str, role: Role) -> tuple[str, TokenEntry]:
    """A new random token for the tenant; only its hash is written. Returns (token, entry)."""
    content = read_tokens(path)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    entry = TokenEntry(id=secrets.token_hex(4), sha256=token_hash(token), user_id=user_id,
                       assistant_id=assistant_id, role=role,
                       created=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S"))
    content.tokens.append(entry)
    write_tokens(path, content)
    return token, entry


def revoke_tokens(path: Path, token_id: str | None = None, user_id: str | None = None) -> list[TokenEntry]:
    """Remove the token with this id, or every token of this user; returns what was removed."""
    content = read_tokens(path)
    gone = [e for e in content.tokens if e.id == token_id or (user_id is not None and e.user_id == user_id)]
    if gone:
        content.tokens = [e for e in content.tokens if e not in gone]
        write_tokens(path, content)
    return gone


class TokenTable:
    """Token -> tenant for the server, re-read whenever the file's modification time or size changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._by_hash: dict[str, Tenant] = {}
        self._refresh()

    def _refresh(self) -> None:
        try:
            stat = self.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            stamp = (0, 0)
        if stamp == self._stamp:
            return
        content = read_tokens(self.path)
        self._by_hash = {e.sha256: Tenant(user_id=e.user_id, assistant_id=e.assistant_id, role=e.role)
                         for e in content.tokens}
        self._stamp = stamp

    def lookup(self, token: str) -> Tenant | None:
        """The presented token's tenant, or None. A file damaged while running keeps the last good table."""
        try:
            self._refresh()
        except ConfigError as exc:
            logger.warning("%s; still using the tokens read before", exc)
        return self._by_hash.get(token_hash(token))

    def __len__(self) -> int:
        return len(self._by_hash)
