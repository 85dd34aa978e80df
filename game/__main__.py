"""`python -m game` does what `python main.py` does."""

import sys

try:  # Ctrl-C while the game's modules are still being imported: no traceback either
    from game.cli.main import main
except KeyboardInterrupt:
    sys.exit(130)
sys.exit(main())
