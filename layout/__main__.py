"""`python3 -m layout …` is the `newspage` command (`layout.cli.entry`)."""

from .cli import entry

entry()
