"""Names of the automatic players, kept free of imports so the command line can list them cheaply."""

from __future__ import annotations

# Strategy policies: at each US decision prefer an option carrying one of these tags
# (earlier tags first), else the option taken in 1962, else the first available.
STRATEGIES: dict[str, tuple[str, ...]] = {
    "force": ("invasion", "air-strike", "ultimatum"),
    "diplomacy": ("quarantine", "negotiation", "restraint"),
    "passive": ("do-nothing", "restraint", "negotiation"),
}
POLICIES: tuple[str, ...] = ("historical", "random", "historical-dice", *STRATEGIES)
