"""`python3 -m layout` is the `newspage` command."""

import sys

from .cli import main

sys.exit(main())
