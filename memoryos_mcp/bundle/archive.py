"""The .mcpb file: a zip of manifest.json, the icon, and the project files the `uv` server type installs
and runs (pyproject.toml with the README its build reads, the package, server.py)."""

from __future__ import annotations

import contextlib
import json
import zipfile
from pathlib import Path

from ..errors import MemoryosError
from ..server.catalog import catalog
from .manifest import DISTRIBUTION, ICON, build_manifest

PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: The checkout's files the bundle carries besides the package.
PROJECT_FILES = ("pyproject.toml", "README.md", "server.py")
#: One timestamp for every entry, so the same checkout always gives the same bytes.
ENTRY_TIME = (1980, 1, 1, 0, 0, 0)


def checkout() -> Path:
    """The checkout this package runs from: the bundle is its copy, not an installed wheel's."""
    root = PACKAGE_DIR.parent
    missing = [name for name in PROJECT_FILES if not (root / name).is_file()]
    if missing:
        raise MemoryosError(f"{root} is not a checkout of {DISTRIBUTION} (no {', '.join(missing)}): run the "
                            "bundle command from a checkout installed with pip install -e .")
    return root


def project_files(root: Path) -> list[tuple[str, Path]]:
    """(name in the bundle, file) for the project files and every file of the package but compiled and
    hidden ones (editor and OS litter)."""
    files = [(name, root / name) for name in PROJECT_FILES]
    for path in sorted(PACKAGE_DIR.rglob("*")):
        inside = path.relative_to(PACKAGE_DIR).parts
        if path.is_file() and "__pycache__" not in inside and not any(part.startswith(".") for part in inside):
            files.append((path.relative_to(root).as_posix(), path))
    return files


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    entry = zipfile.ZipInfo(name, ENTRY_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    archive.writestr(entry, data)


def write_bundle(output_dir: Path) -> Path:
    """Write `<output_dir>/memoryos-mcp-<version>.mcpb` (replacing one of that version) and return its path."""
    root = checkout()
    manifest = build_manifest(catalog())
    target = (output_dir / f"{DISTRIBUTION}-{manifest['version']}.mcpb").resolve()
    partial = target.with_name(f".{target.name}.partial")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(partial, "w") as archive:
            _add(archive, "manifest.json", (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
            _add(archive, ICON.name, ICON.read_bytes())
            for name, path in project_files(root):
                _add(archive, name, path.read_bytes())
        partial.replace(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise MemoryosError(f"--output {output_dir}: cannot write the bundle ({exc.strerror or exc})") from None
    return target
