"""Helpers for the tests that install medlint from source into a fresh environment, offline."""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

import pytest

#: entries of this environment's site-packages that the new environment must bring itself:
#: medlint (so the one built from the source under test runs) and pip
_OWN = ("medlint", "__editable__", "_medlint", "pip", "_distutils_hack", "distutils-precedence")


@pytest.fixture(scope="session")
def offline_pip_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment variables under which `pip install PATH-TO-MEDLINT` in a new virtualenv works
    with no network: pip may not use an index, builds medlint with this environment's hatchling
    (no build isolation), and finds medlint's dependencies already installed through PYTHONPATH,
    a folder of links to this environment's packages."""
    pytest.importorskip("hatchling", reason="the offline install builds medlint with hatchling: "
                                            "pip install '.[test]'")
    links = tmp_path_factory.mktemp("site-packages-links")
    for folder in dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib")):
        for entry in Path(folder).iterdir():
            name = entry.name.lower()
            if not name.startswith(_OWN) and name != "__pycache__" and not (links / entry.name).exists():
                (links / entry.name).symlink_to(entry)
    return {
        "PYTHONPATH": str(links), "PIP_NO_INDEX": "1", "PIP_CONFIG_FILE": os.devnull,
        # pip reads this variable into its `build_isolation` switch: "0" turns isolation off
        "PIP_NO_BUILD_ISOLATION": "0", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
    }
