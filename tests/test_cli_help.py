"""Every help text reaches the terminal whole: Rich markup must not swallow literal brackets such
as the extras in pip install 'sifeng[train]'."""

import re

import typer
from typer.testing import CliRunner

from sifeng.cli import app


def _commands(command, path: list[str]):
    yield path, command
    if hasattr(command, "commands"):  # typer vendors its own click: duck-type groups
        for name, sub in command.commands.items():
            yield from _commands(sub, path + [name])


def test_help_texts_keep_their_brackets():
    runner = CliRunner()
    checked = 0
    for path, command in _commands(typer.main.get_command(app), []):
        result = runner.invoke(app, path + ["--help"], terminal_width=300)
        assert result.exit_code == 0, path
        shown = re.sub(r"\s+", "", result.output)
        texts = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
        for text in texts:
            # Rich markup tags ([red], [/red], [bold]) are meant to vanish; anything else must show.
            for literal in re.findall(r"\\?\[(?!/?(?:red|bold|yellow|green|dim|b|i)\])[^\]\s]+\]", text):
                checked += 1
                literal = literal.lstrip("\\")  # \[ is Rich's escape for a literal bracket
                assert literal in shown, f"sifeng {' '.join(path)} --help lost {literal!r}"
    assert checked, "no bracketed help text found to check"
