"""The room without the network: seats in casting order, voter ids from the seat, votes through the lesson,
the facilitator's actions by name, the room file (digests, never tokens) and its restoring."""

from __future__ import annotations

import json

import pytest

from game.classroom.store import lesson_store
from game.server.protocol import ProtocolError
from game.server.room import Room, room_path, token_hash
from tests.server.wire import new_lesson


def _codes(call) -> str:
    with pytest.raises(ProtocolError) as caught:
        call()
    return caught.value.code


def test_the_first_students_to_join_take_each_teams_leader_then_the_teams_fill_in_proportion():
    room = Room(new_lesson(count=10))
    slots = [room.join(room.code, f"S{i}")[1] for i in range(4)]
    seats = {s["slot"]: s for s in room.seats()}
    leaders = {s["voter"] for s in (seats[slot] for slot in slots[:2])}
    assert leaders == {"jfk", "khrushchev"}  # the two who decide, whoever joins first
    sides = [seats[slot]["side"] for slot in slots]
    assert set(sides) == {"us", "ussr"}
    assert seats[slots[0]]["name"] == "S0" and seats[slots[0]]["taken"]


def test_a_voter_id_is_the_role_for_its_first_student_and_numbered_for_the_others():
    lesson = new_lesson(count=40)
    room = Room(lesson)
    voters = [s["voter"] for s in room.seats()]
    assert len(set(voters)) == len(voters)  # no two seats vote as one
    shared = [v for v in voters if "." in v]
    assert shared and all(v.split(".")[0] in lesson.engine.scenario.model.roles for v in shared)


def test_join_refuses_a_wrong_code_and_a_full_room_and_cleans_names():
    room = Room(new_lesson(count=2))
    assert _codes(lambda: room.join("ZZZZ", "Ana")) == "bad_room"
    _token, slot = room.join(room.code.lower(), "  Ana\u202e\x00 Lee  ")
    assert {s["slot"]: s["name"] for s in room.seats()}[slot] == "Ana Lee"
    room.join(room.code, "Ben")
    assert _codes(lambda: room.join(room.code, "Cy")) == "full"
    assert _codes(lambda: room.join(room.code, "\x00\x01")) in ("bad_message", "full")


def test_nobody_takes_a_seat_once_the_lesson_has_ended():
    room = Room(new_lesson(count=4))
    room.join(room.code, "Ana")
    room.act(lambda lesson: lesson.end())
    with pytest.raises(ProtocolError) as caught:
        room.join(room.code, "Late")
    assert caught.value.code == "closed" and "debrief" in str(caught.value)
    assert [s["name"] for s in room.seats() if s["taken"]] == ["Ana"]


def test_a_vote_goes_into_the_lesson_log_as_the_seat_voter_and_a_second_one_replaces_it():
    lesson = new_lesson()
    room = Room(lesson)
    token, _slot = room.join(room.code, "Ana")
    digest = token_hash(token)
    at = lesson.here.id
    assert _codes(lambda: room.vote(digest, at, "deliberate")) == "closed"  # briefing: no vote open yet
    room.act(lambda lesson: lesson.discuss())
    room.vote(digest, at, "deliberate")
    room.vote(digest, at, "go-public")
    assert lesson.role_votes() == {"jfk": "go-public"}
    length = len(lesson.session.log)
    room.vote(digest, at, "go-public")  # the same vote again changes nothing
    assert len(lesson.session.log) == length
    assert _codes(lambda: room.vote(digest, "h99", "go-public")) == "closed"
    assert _codes(lambda: room.vote(digest, at, "no-such-option")) == "not_allowed"
    assert _codes(lambda: room.vote(token_hash("forged"), at, "go-public")) == "bad_token"
    room.unvote(digest, at)
    assert lesson.role_votes() == {}
    assert len(lesson.session.log) == length + 1


def test_a_student_of_the_other_team_cannot_vote_on_this_teams_decision():
    lesson = new_lesson()
    room = Room(lesson)
    tokens = [room.join(room.code, n)[0] for n in ("A", "B")]
    soviet = next(t for t in tokens if room.student_state(token_hash(t))["seat"]["side"] == "ussr")
    room.act(lambda lesson: lesson.discuss())
    assert lesson.awaited == "us"
    assert _codes(lambda: room.vote(token_hash(soviet), lesson.here.id, "deliberate")) == "closed"


def test_facilitator_actions_by_name_and_their_refusals():
    lesson = new_lesson()
    room = Room(lesson)
    version = room.version
    room.host_act("discuss")
    assert lesson.phase == "discuss" and room.version > version
    assert _codes(lambda: room.host_act("decide")) == "not_allowed"  # nobody has voted
    assert _codes(lambda: room.host_act("extend", "many")) == "bad_message"
    assert _codes(lambda: room.host_act("inject", "no-such-incident")) == "not_allowed"
    assert _codes(lambda: room.host_act("reveal", "no-such-secret")) == "not_allowed"
    assert _codes(lambda: room.host_act("show", "cuba")) == "not_allowed"
    room.host_act("decide", "deliberate")
    assert lesson.phase == "result"
    room.host_act("next")
    assert lesson.phase == "brief"


def test_move_and_free_a_seat():
    room = Room(new_lesson())
    token, slot = room.join(room.code, "Ana")
    free_slot = next(s["slot"] for s in room.seats() if not s["taken"])
    room.host_act("move", slot, free_slot)
    assert room.slot_of(token_hash(token)) == free_slot
    assert _codes(lambda: room.host_act("move", slot, free_slot)) == "not_allowed"
    room.host_act("free", free_slot)
    assert room.slot_of(token_hash(token)) is None
    assert _codes(lambda: room.resume(token)) == "bad_token"


def test_the_room_file_keeps_digests_and_a_restart_restores_code_key_and_seats(tmp_path):
    store = lesson_store(tmp_path)
    lesson = new_lesson(saver=store.autosave)
    path = room_path(store.autosave_path(lesson.engine.scenario.id))
    assert path.name == "room-october-1962.json"
    room = Room(lesson, path=path)
    token, slot = room.join(room.code, "Ana")
    text = path.read_text()
    assert token not in text and token_hash(token) in text
    again = Room.open(lesson, path)
    assert (again.code, again.key, again.resume(token)[1]) == (room.code, room.key, slot)


def test_a_room_file_of_another_lesson_or_damaged_gives_a_new_room(tmp_path):
    path = tmp_path / "room-october-1962.json"
    room = Room(new_lesson(), path=path)
    token, _ = room.join(room.code, "Ana")
    other = new_lesson(count=12)  # another class: another roster
    fresh = Room.open(other, path)
    assert _codes(lambda: fresh.resume(token)) == "bad_token"
    path.write_text("{not json")
    assert Room.open(other, path).seats()
    data = json.loads(path.read_text())
    assert data["format"] == 1 and data["seats"] == []


def test_what_no_team_knows_reaches_the_facilitators_page_alone_injected_or_not():
    """B-59 injected: both teams and the projector read that it surfaced; the facilitator's frame alone carries
    the torpedo, in a list of its own; the shoot-down's order is told to Moscow's team and the facilitator."""
    import json

    lesson = new_lesson()
    room = Room(lesson)
    room.host_act("inject", "b59")
    host = room.host_state()
    only = " ".join(host["only_you"])
    assert "Known to no side at the time" in only and "nuclear torpedo" in only
    public = json.dumps([host["projector"], host["teams"]["us"], host["teams"]["ussr"], room.projector_state()])
    assert "surfaces" in public and "torpedo" not in public
    room.host_act("inject", "u2-shootdown")
    host = room.host_state()
    public = json.dumps([host["projector"], host["teams"]["us"], room.projector_state()])
    moscow = json.dumps(host["teams"]["ussr"])
    assert "Anderson is killed" in public and "Pliyev" not in public
    assert "Known only to Moscow" in moscow and "Pliyev" in moscow
    assert not any("Pliyev" in line for line in host["only_you"]), "Moscow's team is told it"


def test_the_arguments_put_to_the_council_name_the_students_who_joined_not_their_slots():
    room = Room(new_lesson(count=6))
    token, _slot = room.join(room.code, "Ivy")
    room.host_act("speak", "*")
    host = room.host_state()
    said = host["teams"][host["awaited"]]["arguments"]
    assert said, "no role had anything to say at the first decision"
    named = [name for r in said for name in r["students"]]
    assert "Ivy" in named, said
    assert not any(name.startswith("Student ") for name in named)  # a slot nobody took names nobody
    mine = room.student_state(token_hash(token))["team"]["arguments"]
    assert any("Ivy" in r["students"] for r in mine)


def test_the_report_credits_a_role_to_everyone_who_held_its_seat_and_a_restart_keeps_them(tmp_path):
    lesson = new_lesson(count=4)
    room = Room.open(lesson, tmp_path / "room.json")
    _token, slot = room.join(room.code, "Ana")
    room.host_act("free", slot)
    _token2, again = room.join(room.code, "Ben")  # the first free seat in order: Ana's, now Ben's
    assert again == slot
    room.act(lambda lesson: lesson.end())
    role = lesson.casting.by_student[slot][0]
    credited = {line.role: line.students for line in room.lesson_report().roster}
    assert credited[role] == ("Ana, then Ben",)
    assert room.lesson_report().setup_text.startswith("2 students (of 4 seats)")
    restored = Room.open(lesson, tmp_path / "room.json")  # the server restarted: the history is in the file
    assert {line.role: line.students for line in restored.lesson_report().roster}[role] == ("Ana, then Ben",)
