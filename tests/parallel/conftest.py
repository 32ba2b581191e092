"""Fixtures shared by the result-cache tests."""

from __future__ import annotations

import pytest

import medlint.cache as cache_module


@pytest.fixture
def rules_run(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the rules each linting pass of the cache ran (never read from the cache)."""
    ran: list[str] = []
    original = cache_module.run_rules

    def counting(sources, *, today=None, release_words=False, only=None, trace=False):  # noqa: ANN001, ANN202
        for subset in only or [None] * len(sources):
            ran.extend(sorted(subset) if subset is not None else ["<all>"])
        return original(sources, today=today, release_words=release_words, only=only, trace=trace)

    monkeypatch.setattr(cache_module, "run_rules", counting)
    return ran
