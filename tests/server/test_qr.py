"""The join URL as a QR matrix the window can draw: square, a quiet zone, the three finder patterns."""

from __future__ import annotations

from game.server.qr import qr_matrix


def _finder_at(m: list[list[bool]], top: int, left: int) -> bool:
    """A 7×7 finder: a dark ring, a light ring, a dark 3×3 core."""
    for y in range(7):
        for x in range(7):
            ring = max(abs(y - 3), abs(x - 3))
            if m[top + y][left + x] != (ring != 2):
                return False
    return True


def test_the_matrix_is_a_qr_code_with_its_quiet_zone():
    m = qr_matrix("http://192.168.1.20:8962/", border=4)
    n = len(m)
    assert all(len(row) == n for row in m)
    assert (n - 8 - 17) % 4 == 0  # a QR version's side is 17 + 4·version modules
    assert not any(m[0]) and not any(m[-1]) and not any(row[0] for row in m)
    assert _finder_at(m, 4, 4) and _finder_at(m, 4, n - 11) and _finder_at(m, n - 11, 4)
    assert not _finder_at(m, n - 11, n - 11)  # the fourth corner has none: that is how a reader orients it


def test_a_longer_url_needs_a_bigger_code_and_the_same_url_the_same_code():
    short = qr_matrix("http://10.0.0.2:8962/")
    long = qr_matrix("http://10.0.0.2:8962/" + "x" * 120)
    assert len(long) > len(short)
    assert qr_matrix("http://10.0.0.2:8962/") == short
