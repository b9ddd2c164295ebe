"""Nothing lost, as real processes: a closed pipe, a kill mid-write, two writers at once.

These run ``python -m citefmt`` as a subprocess (a pipe and a signal cannot be faked
in-process). The 100,000-item and 50 MB runs are in tests/robustness/cases.yaml
(``CITEFMT_SLOW_TESTS=1``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import NEUTRAL_ENV, load_make_refs


make_refs = load_make_refs()

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes and signals")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in NEUTRAL_ENV}
    env.update({k: v for k, v in NEUTRAL_ENV.items() if v is not None})
    return env


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "citefmt", *args]


@pytest.fixture(scope="module")
def many_refs(tmp_path_factory) -> Path:
    """300 references: enough output that `head -1` closes the pipe while citefmt still writes."""
    path = tmp_path_factory.mktemp("refs") / "refs.json"
    path.write_text(make_refs.render(300), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "html", "markdown", "json"])
def test_stdout_closed_early_exits_quietly(many_refs, fmt):
    """`citefmt refs | head -1`: exit 0, nothing on stderr (no BrokenPipeError, no "Exception ignored")."""
    process = subprocess.Popen(_command("refs", str(many_refs), "-f", fmt), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=_env())
    first = process.stdout.readline()
    process.stdout.close()  # what `head -1` does after its line
    stderr = process.stderr.read()
    code = process.wait(timeout=120)
    assert first
    assert stderr == b"", stderr.decode(errors="replace")
    assert code == 0


def test_stdout_closed_through_a_real_shell_pipe(many_refs):
    result = subprocess.run(f"{sys.executable} -m citefmt refs '{many_refs}' | head -1",
                            shell=True, capture_output=True, env=_env(), timeout=120,
                            executable="/bin/bash" if Path("/bin/bash").exists() else None)
    assert result.stdout.decode().startswith("1. ")
    assert result.stderr == b""


def test_kill_mid_write_leaves_the_old_file_whole(tmp_path):
    """SIGKILL at any moment of `-o out.txt`: out.txt is the old content or the complete new one.

    The kills land at growing delays: during start-up, rendering, and around the write.
    (tests/test_robustness_outfile.py interrupts the write itself at every step.)
    """
    source = tmp_path / "refs.json"
    source.write_text(make_refs.render(400), encoding="utf-8")
    target = tmp_path / "out.txt"
    old = b"OLD CONTENT\n" * 50_000
    complete = subprocess.run(_command("refs", str(source)), cwd=tmp_path, capture_output=True,
                              env=_env(), timeout=300).stdout
    assert complete.startswith(b"1. ")
    for delay in (0.3, 0.9, 1.5, 2.1):
        target.write_bytes(old)
        process = subprocess.Popen(_command("refs", str(source), "-o", str(target)), cwd=tmp_path,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        content = target.read_bytes()
        assert content in (old, complete), f"partial file after a kill at {delay}s ({len(content)} bytes)"


def test_two_processes_writing_different_files_do_not_interfere(tmp_path):
    source = tmp_path / "refs.json"
    source.write_text(make_refs.render(200), encoding="utf-8")
    runs = [("vancouver", "a.txt"), ("apa", "b.txt"), ("gost", "c.html")]
    processes = [subprocess.Popen(_command("refs", str(source), "-s", style, "-o", out,
                                           *(["-f", "html"] if out.endswith(".html") else [])),
                                  cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
                 for style, out in runs]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert err == b""
    for style, out in runs:
        expected = subprocess.run(_command("refs", str(source), "-s", style,
                                           *(["-f", "html"] if out.endswith(".html") else [])),
                                  cwd=tmp_path, capture_output=True, env=_env(), timeout=300).stdout
        assert (tmp_path / out).read_bytes() == expected, out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "c.html", "refs.json"]


def test_two_processes_writing_the_same_file_leave_one_whole_result(tmp_path):
    source = tmp_path / "refs.json"
    source.write_text(make_refs.render(200), encoding="utf-8")
    processes = [subprocess.Popen(_command("refs", str(source), "-s", style, "-o", "out.txt"), cwd=tmp_path,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
                 for style in ("vancouver", "apa")]
    for process in processes:
        process.communicate(timeout=300)
        assert process.returncode == 0
    content = (tmp_path / "out.txt").read_bytes()
    candidates = [subprocess.run(_command("refs", str(source), "-s", style), cwd=tmp_path, capture_output=True,
                                 env=_env(), timeout=300).stdout for style in ("vancouver", "apa")]
    assert content in candidates


def test_stdin_from_a_closed_descriptor(tmp_path):
    result = subprocess.run(_command("refs", "-"), cwd=tmp_path, capture_output=True, env=_env(), timeout=120,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 3
    assert result.stderr == b"citefmt: error: <stdin>: is empty: expected CSL-JSON items or an article file\n"
