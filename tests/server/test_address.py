"""The address students type: the LAN address when listening everywhere, the host given otherwise."""

from __future__ import annotations

import ipaddress

from game.server.address import join_url, lan_address


def test_the_lan_address_is_an_ipv4_address_of_this_machine_or_the_loopback():
    address = ipaddress.ip_address(lan_address())
    assert address.version == 4 and not address.is_unspecified


def test_the_join_url():
    assert join_url("127.0.0.1", 8962) == "http://127.0.0.1:8962/"
    assert join_url("0.0.0.0", 8962) == f"http://{lan_address()}:8962/"
    assert join_url("::1", 9000) == "http://[::1]:9000/"
