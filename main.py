"""Start ExComm: `python main.py` opens the game; `python main.py --help` lists the other commands."""

import sys

if __name__ == "__main__":
    try:  # Ctrl-C while the game's modules are still being imported: no traceback either
        from game.cli.main import main
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(main())
