"""The subcommands that work on stored memory without serving it: export, import, import-memoryos, migrate.

Progress and the summary go to stderr; stdout carries only the exported data.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..config import POSTGRES_SCHEMES, SQLITE_PREFIX, MemoryConfig, without_password
from ..errors import ConfigError, InvalidInputError
from ..memory.engine import Memoryos
from ..server.startup import check_data_path, resolve_config, stdout_to_stderr
from ..transfer.jsonl_export import Progress

logger = logging.getLogger(__name__)

#: A progress line every this many records of a type.
PROGRESS_EVERY = 1000


def open_engine(config: MemoryConfig) -> Memoryos:
    check_data_path(config)
    with stdout_to_stderr():
        return Memoryos.from_config(config)


def progress(verb: str) -> Progress:
    def report(record_type: str, count: int) -> None:
        if count % PROGRESS_EVERY == 0:
            sys.stderr.write(f"memoryos-mcp: {verb} {count} {record_type}s\n")
    return report


def check_output(output: str, force: bool, config: MemoryConfig) -> None:
    """export never writes over the store it reads or the config naming it, and over another existing file only
    with --force: opening the output empties it before a single record is written."""
    target = Path(output)
    if output == "-" or not target.exists():
        return
    if target.is_dir():
        raise InvalidInputError(f"--output {output} is a folder; give a file name")
    database = config.database_path
    protected = {"the live database": [database, Path(f"{database}-wal"), Path(f"{database}-shm")],
                 "the config file": [Path(config.source)]}
    for what, paths in protected.items():
        if any(path.is_file() and os.path.samefile(target, path) for path in paths):
            raise InvalidInputError(f"--output {output} is {what}; nothing was written: choose another file")
    if not force:
        raise InvalidInputError(f"--output {output} already exists; nothing was written: pass --force to "
                                "overwrite it, or choose another file")


def run_export(args: argparse.Namespace) -> int:
    config = resolve_config(args.config)
    check_output(args.output, args.force, config)
    with open_engine(config) as memory:
        counts = memory.export(args.output, progress("exported"))
    summary = ", ".join(f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in counts.items()) or "nothing"
    where = "standard output" if args.output == "-" else args.output
    sys.stderr.write(f"memoryos-mcp: exported {summary} of user {memory.scope.user_id!r} to {where}\n")
    return 0


def run_import(args: argparse.Namespace) -> int:
    with open_engine(resolve_config(args.config)) as memory:
        report = memory.import_(args.file, progress("read"))
    _summary(report, memory.scope.user_id)
    return 0


def run_import_memoryos(args: argparse.Namespace) -> int:
    with open_engine(resolve_config(args.config)) as memory:
        report = memory.import_memoryos(args.path, args.user, args.assistant, progress("read"))
    _summary(report, memory.scope.user_id)
    return 0


def run_migrate(args: argparse.Namespace) -> int:
    from ..store.migrate import migrate  # needs the postgres extra

    if not args.source.startswith(SQLITE_PREFIX):
        raise ConfigError(f"--from: expected sqlite:///path/to/memoryos.sqlite3, got {without_password(args.source)!r}")
    if args.target.split("://", 1)[0] not in POSTGRES_SCHEMES:
        raise ConfigError("--to: expected postgresql://user@host/database")
    copied = migrate(Path(args.source[len(SQLITE_PREFIX):]), args.target, progress("migrated"))
    summary = ", ".join(f"{n} {table}" for table, n in copied.items())
    sys.stderr.write(f"memoryos-mcp: migrated every user's memory: {summary}\n")
    return 0


def _summary(report: dict[str, Any], user_id: str) -> None:
    sys.stderr.write(
        f"memoryos-mcp: imported {report['pages_added']} pages ({report['pages_skipped']} already stored), "
        f"{report['segments_added']} segments, {report['facts_added']} facts ({report['facts_skipped']} already "
        f"known), {report['values_added']} user-model values"
        f"{', the profile' if report['profile_set'] else ''} into user {user_id!r}\n")


_CONFIG_HELP = "config.json naming the store and the user (default: ./config.json, else the built-in defaults)"


def _add_export(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("export", help="write this user's memory as JSON Lines")
    parser.add_argument("--config", type=Path, default=None, help=_CONFIG_HELP)
    parser.add_argument("--output", default="-", metavar="FILE", help="file to write (default: standard output); "
                        "never the store or its config")
    parser.add_argument("--force", action="store_true", help="overwrite --output if it already exists")
    parser.set_defaults(run=run_export)


def _add_import(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("import", help="read a JSON Lines export into this user's memory")
    parser.add_argument("--config", type=Path, default=None, help=_CONFIG_HELP)
    parser.add_argument("file", metavar="FILE", help="the export to read ('-' for standard input)")
    parser.set_defaults(run=run_import)


def _add_import_memoryos(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("import-memoryos", help="bring a user's history in from a MemoryOS data folder")
    parser.add_argument("--config", type=Path, default=None, help=_CONFIG_HELP)
    parser.add_argument("--user", default=None, help="the MemoryOS user to import (default: the config's user_id)")
    parser.add_argument("--assistant", default=None,
                        help="the MemoryOS assistant whose knowledge to import (default: the config's assistant_id)")
    parser.add_argument("path", metavar="PATH", type=Path, help="the MemoryOS data_storage_path folder")
    parser.set_defaults(run=run_import_memoryos)


def _add_migrate(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("migrate", help="copy a SQLite store into an empty PostgreSQL database",
                                 description="Copy every user's memory (pages, segments, chains, facts, the user "
                                             "model, profiles) with its ids and vectors, in one transaction. Stop "
                                             "the servers on the SQLite store first.")
    parser.add_argument("--from", dest="source", required=True, metavar="URL", help="sqlite:///path/to/memoryos.sqlite3")
    parser.add_argument("--to", dest="target", required=True, metavar="URL",
                        help="postgresql://user@host/database (empty; the schema is made)")
    parser.set_defaults(run=run_migrate)


#: Subcommand name -> the function that adds its parser (each sets `run`), for cli.SUBCOMMANDS.
SUBCOMMANDS: dict[str, Callable[[argparse._SubParsersAction], None]] = {
    "export": _add_export, "import": _add_import, "import-memoryos": _add_import_memoryos,
    "migrate": _add_migrate}
