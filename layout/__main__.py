"""`python3 -m layout …` is the `newspage` command.

Once the command has returned, its files are written and closed: the process
flushes its output and leaves with os._exit, without the interpreter freeing
every object one by one (a build holds large font tables; freeing them took
a tenth of the run).
"""

import os
import sys

from .cli import main

code = main()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code if isinstance(code, int) else 1)
