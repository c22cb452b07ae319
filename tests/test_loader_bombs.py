"""The loader refuses bombs: alias expansion, deep nesting, keys that are not text, files that are not files."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jalin.errors import InvalidData
from seeds.loader import read_fixtures
from tests.conftest import ROOT


def laughs(levels: int = 9) -> str:
    """Each anchored list repeats the previous one nine times: 9**levels values from a few hundred bytes."""
    lines = ["l0: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + f"\nnodes: [*l{levels - 1}]\n"


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InvalidData) as raised:
        read_fixtures(path)
    return [f"{p.where}: {p.message}" for p in raised.value.problems]


def test_alias_of_a_list_is_refused_before_it_expands(tmp_path: Path) -> None:
    bomb = tmp_path / "laughs.yaml"
    bomb.write_text(laughs())
    [problem] = problems_of(bomb)
    assert problem.startswith(f"{bomb}:1: ") and "repeated by an alias" in problem
    assert "ha" not in problem  # the message never shows the value


@pytest.mark.parametrize(("text", "line"), [
    ("nodes: " + "[" * 100_000 + "]" * 100_000 + "\n", 1),
    ("nodes:\n  - " + "- " * 100_000 + "x\n", 2),
    ("nodes:\n" + "".join(f"{'  ' * i}- \n" for i in range(3)) + "[a,\n" * 1000 + "]" * 1000 + "\n", 5),
])
def test_deep_nesting_is_refused_with_its_line_and_never_crashes(tmp_path: Path, text: str, line: int) -> None:
    # In a child process: 100,000 levels ended the process (exit 139) in the YAML reader itself.
    bomb = tmp_path / "deep.yaml"
    bomb.write_text(text)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JALIN_")}
    done = subprocess.run([sys.executable, "-m", "cli", "validate", str(bomb)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert f"{bomb}:{line}: lists or mappings nested more than 64 levels deep" in done.stderr


def test_key_that_is_not_text_is_refused(tmp_path: Path) -> None:
    fixture = tmp_path / "keys.yaml"
    fixture.write_text("nodes:\n  - type: Place\n    1: one\n")
    assert problems_of(fixture) == [f"{fixture}:3: YAML: key '1' is not text; quote it, e.g. \"1\":"]


def test_pipe_named_like_a_fixture_is_refused_not_read(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text("nodes: []\n")
    os.mkfifo(tmp_path / "pipe.yaml")
    assert problems_of(tmp_path) == [f"{tmp_path / 'pipe.yaml'}: not a regular file; fixtures are plain files"]
