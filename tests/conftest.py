"""Shared fixtures: the repository paths, the sibling ../shared data, and a CLI runner
whose subprocesses cannot open network sockets."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NOSOCKET = Path(__file__).parent / "nosocket"


def pytest_addoption(parser):
    parser.addoption("--regen", action="store_true", help="rewrite the golden *.expected.json files")


@pytest.fixture
def regen(request) -> bool:
    return request.config.getoption("--regen")


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def run_cli(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m nextround ARGS` with network sockets blocked."""
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join([str(NOSOCKET), full_env.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "nextround", *args], input=stdin, capture_output=True,
        text=True, env=full_env, cwd=ROOT, timeout=120,
    )


@pytest.fixture
def cli():
    return run_cli


def parse_one_json(stdout: str) -> dict:
    """Exactly one JSON object and nothing else."""
    return json.loads(stdout)
