"""Playing a scenario without a person: the automatic players, sampling, exact analysis, play checks.

Public API (imported on first use): the policies (`Policy`, `policies`, `policy_names`, `get_policy`),
the documented course (`documented_path`, `historical_choice`), sampling (`play`, `play_from`,
`simulate_many`), exact analysis (`Analyser`, `analyse`, `option_odds`, `documented_state`,
`Analysis`, `OptionOdds`, `AnalysisCancelled`), odds estimated by sampling where exact ones would hold too
much (`sampled_option_odds`, `SampledOdds`) and the checks that play (`validate`).
"""

from __future__ import annotations

from game.scenario.lazy import lazy_attributes

__all__ = [
    "Analyser",
    "Analysis",
    "AnalysisCancelled",
    "OptionOdds",
    "Policy",
    "SampledOdds",
    "analyse",
    "documented_path",
    "documented_state",
    "get_policy",
    "historical_choice",
    "option_odds",
    "play",
    "play_from",
    "policies",
    "policy_names",
    "sampled_option_odds",
    "simulate_many",
    "validate",
]

_WHERE = {
    "Analyser": "game.analysis.exact",
    "Analysis": "game.analysis.exact",
    "AnalysisCancelled": "game.analysis.exact",
    "OptionOdds": "game.analysis.exact",
    "Policy": "game.analysis.policies",
    "SampledOdds": "game.analysis.sampled",
    "analyse": "game.analysis.exact",
    "documented_path": "game.analysis.documented",
    "documented_state": "game.analysis.exact",
    "get_policy": "game.analysis.policies",
    "historical_choice": "game.analysis.documented",
    "option_odds": "game.analysis.exact",
    "play": "game.analysis.simulate",
    "play_from": "game.analysis.simulate",
    "policies": "game.analysis.policies",
    "policy_names": "game.analysis.policies",
    "sampled_option_odds": "game.analysis.sampled",
    "simulate_many": "game.analysis.simulate",
    "validate": "game.analysis.playtest",
}

__getattr__ = lazy_attributes("game.analysis", _WHERE)
