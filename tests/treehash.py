"""Every file of a folder and its SHA-256, to tell two trees apart byte for byte."""

from __future__ import annotations

import hashlib
from pathlib import Path


def hash_tree(folder: Path) -> dict[str, str]:
    """Each file's path under ``folder`` (POSIX, sorted) and the SHA-256 of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() or path.is_symlink()
    }


def differences(first: dict[str, str], second: dict[str, str]) -> list[str]:
    """The paths whose bytes differ, or that only one tree has."""
    return sorted(p for p in first.keys() | second.keys() if first.get(p) != second.get(p))
