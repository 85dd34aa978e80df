"""The address students type: this machine's address on the local network, and the join URL built from it."""

from __future__ import annotations

import socket

__all__ = ["join_url", "lan_address"]


def lan_address() -> str:
    """This machine's address on the local network, found by asking the OS which interface would route to a
    private address (a UDP socket's `connect` sends no packet). Falls back to 127.0.0.1 with no network."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.254.254.254", 1))
            address = str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    return address if address and not address.startswith("0.") else "127.0.0.1"


def join_url(host: str, port: int) -> str:
    """The URL a student opens: the LAN address when the server listens on every interface."""
    shown = lan_address() if host in ("", "0.0.0.0", "::") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"
