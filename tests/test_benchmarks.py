"""The benchmarks run (timings belong in benchmarks/RESULTS.md, never in tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_link_speed_benchmark_runs_at_a_tiny_size() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks/link_speed.py"),
            "--entities",
            "40",
            "--briefings",
            "3",
            "--passes",
            "1",
            "--lang",
            "ar",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "briefings: 3 in 'ar'" in result.stdout
    assert "briefings/s" in result.stdout
