"""`python -m game` does what `python main.py` does."""

import sys

from game.cli.main import main

sys.exit(main())
