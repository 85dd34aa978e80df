"""One module per screen; each is a `Scene` (see base.py)."""
