"""README.md documents every command: for each command registered on the app, `citefmt <name>`."""

from __future__ import annotations

import pytest
import typer.main

from citefmt.cli import app
from helpers import ROOT

README = ROOT / "README.md"


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_the_app_has_the_documented_commands():
    assert command_names() == ["check", "cite", "refs", "styles"]


def test_readme_documents_every_command():
    text = README.read_text(encoding="utf-8")
    if text.strip() == "# citefmt":
        pytest.skip("README.md is still the placeholder '# citefmt': nothing to check yet")
    missing = [name for name in command_names() if f"citefmt {name}" not in text]
    assert not missing, f"README.md does not show: {', '.join('citefmt ' + n for n in missing)}"
