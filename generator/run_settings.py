"""What the build hands each locale's MkDocs run besides its config, named in one light module:
the build's own process imports it without importing MkDocs (66 modules, about 0.07 s of
each build's start by ``python -X importtime``)."""

from __future__ import annotations

from pathlib import Path

#: The environment variable naming the folder where a build's locales share the briefing bodies
#: they convert (``prerendered``).
BODY_CACHE = "BRIEFING_BODY_CACHE"
#: The environment variable holding the build's process id: a run waiting for pages stops once
#: that process is gone (``docs_pack``). The run's parent is the server it was forked from
#: (``warm_runs``), which outlives a killed build until its runs end.
BUILD_PROCESS = "BRIEFING_BUILD_PROCESS"


def settings_file(config_file: Path) -> Path:
    """The page cache's settings beside a locale's generated MkDocs config (``page_cache``)."""
    return config_file.with_suffix(".cache.json")
