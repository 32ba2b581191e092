"""The stable, versioned JSON format. Later versions add keys; they never rename or remove."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..linter import FileResult
from . import Totals

SCHEMA = 1


def file_json(result: FileResult) -> dict[str, Any]:
    metrics = {k: v for k, v in result.metrics.items() if not k.startswith("_")}
    return {"path": result.path, "findings": [f.to_json() for f in result.findings], "metrics": metrics}


def render(results: list[FileResult], totals: Totals, extra: dict[str, Any] | None = None) -> str:
    payload: dict[str, Any] = {
        "medlint_version": __version__,
        "schema": SCHEMA,
        "files": [file_json(r) for r in results],
        "summary": totals.to_json(),
    }
    payload.update(extra or {})
    return json.dumps(payload, indent=2, ensure_ascii=False, default=str)
