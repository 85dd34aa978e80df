"""The join URL as a QR code, a matrix of modules for the window to draw itself (segno: pure Python)."""

from __future__ import annotations

import segno

__all__ = ["qr_matrix"]


def qr_matrix(text: str, border: int = 4) -> list[list[bool]]:
    """Rows of modules (True: dark), with a quiet zone of `border` modules around (the standard asks for 4)."""
    code = segno.make(text, error="m", micro=False)
    return [[bool(v) for v in row] for row in code.matrix_iter(scale=1, border=border)]
