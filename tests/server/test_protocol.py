"""What a page may send: every message parses to its model, anything else is refused with what was wrong."""

from __future__ import annotations

import json

import pytest

from game.server.protocol import MAX_MESSAGE_BYTES, Act, Join, ProtocolError, Vote, parse_incoming


def test_the_messages_of_the_protocol_parse_to_their_models():
    assert parse_incoming('{"type":"join","room":"K7QM","name":"Ana"}') == Join(type="join", room="K7QM", name="Ana")
    assert isinstance(parse_incoming('{"type":"vote","at":"h12","option":"blockade"}'), Vote)
    act = parse_incoming('{"type":"act","action":"reveal","arg":"warheads","to":"us"}')
    assert isinstance(act, Act) and (act.action, act.arg, act.to) == ("reveal", "warheads", "us")
    for kind in ("leave", "ping"):
        assert parse_incoming(json.dumps({"type": kind})).type == kind


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("{nope", "not JSON"),
        ("[1, 2]", "JSON object"),
        ('"join"', "JSON object"),
        ('{"room": "K7QM"}', "no 'type'"),
        ('{"type": 3}', "no 'type'"),
        ('{"type": "dance"}', "unknown message type"),
        ('{"type": "vote", "at": "h1", "option": "a", "voter": "jfk"}', "unexpected field 'voter'"),
        ('{"type": "vote", "at": "h1"}', "missing field 'option'"),
        ('{"type": "vote", "at": "h1", "option": 3}', "field 'option'"),
        ('{"type": "vote", "at": "../etc", "option": "a"}', "field 'at'"),
        ('{"type": "join", "room": "K7QM", "name": ""}', "field 'name'"),
        ('{"type": "join", "room": "K7QM", "name": "' + "x" * 41 + '"}', "field 'name'"),
        ('{"type": "act", "action": "launch"}', "field 'action'"),
        ("[" * 5000 + "]" * 5000, "at most"),
    ],
)
def test_a_bad_message_is_refused_naming_what_is_wrong(text, says):
    with pytest.raises(ProtocolError) as caught:
        parse_incoming(text)
    assert says in str(caught.value)
    assert caught.value.code == ("too_big" if len(text) > MAX_MESSAGE_BYTES else "bad_message")


def test_deep_nesting_within_the_size_limit_is_refused_not_crashed():
    with pytest.raises(ProtocolError) as caught:
        parse_incoming('{"type":"ping","x":' + "[" * 2000 + "]" * 2000 + "}")
    assert caught.value.code == "bad_message"
