"""The pygame front end. Only this package imports pygame; it reads engine results and calls the engine."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # no banner on stdout when pygame is imported
