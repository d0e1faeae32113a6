"""The README's example commands run and succeed (docs kept honest by tests)."""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

from conftest import NOSOCKET, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_commands() -> list[str]:
    blocks = re.findall(r"```console\n(.*?)```", README, re.S)
    return [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ ")]


def test_readme_has_examples():
    assert len(console_commands()) >= 8
    assert "make demo" in README and "make test" in README


def test_readme_commands_run(tmp_path):
    for name in ("examples", "corpora"):
        (tmp_path / name).symlink_to(ROOT / name)
    env = {**os.environ, "PYTHONPATH": str(NOSOCKET)}
    nextround = f"{shlex.quote(sys.executable)} -m nextround"
    for command in console_commands():
        shell = re.sub(r"(^|\| )nextround ", rf"\g<1>{nextround} ", command)
        out = subprocess.run(shell, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, f"{command}\n{out.stderr}"


def test_readme_output_sample_matches_the_tool():
    shown = re.search(r"```console\n\$ cat examples/rejection-skill-gaps.txt \| nextround analyze\n(.*?)  \.\.\.\n```",
                      README, re.S).group(1)
    text = (ROOT / "examples" / "rejection-skill-gaps.txt").read_text()
    out = subprocess.run([sys.executable, "-m", "nextround", "analyze"], input=text, capture_output=True,
                         text=True, cwd=ROOT)
    assert out.stdout.startswith(shown)
