"""A restart resumes the room: the lesson from its autosave, the room from its file, the same code and tokens,
every vote kept; a new lesson is only started when asked for (or when none is in progress)."""

from __future__ import annotations

from game.classroom import Lesson
from game.classroom.store import lesson_store
from game.server.lessons import open_room
from game.server.room import Room, room_path
from game.session import Setup
from tests.server.wire import SEED, Client, host, join, run, serving
from tests.support import OCTOBER, engine


def _setup() -> Setup:
    return Setup(people=("us", "ussr"), count=10, minutes=50, seconds=150)


def test_stop_the_server_and_a_new_room_from_the_saved_lesson_takes_the_same_token_with_its_vote(tmp_path):
    eng = engine(OCTOBER)
    opened = open_room(eng, _setup(), tmp_path, seed=SEED)
    assert not opened.resumed
    room = opened.room

    async def first(server):
        a, welcome, _ = await join(server, room, "Ana")
        _b, welcome_b, _ = await join(server, room, "Boris")
        hostc, _ = await host(server, room)
        await hostc.send(type="act", action="discuss")
        state = await a.until(lambda f: f.get("type") == "state" and f["voting"])
        await a.send(type="vote", at=state["at"], option="go-public")
        await a.until(lambda f: f.get("type") == "state" and f["my_vote"] == "go-public")
        return welcome, welcome_b, state["at"]

    with serving(room) as server:
        welcome, welcome_b, at = run(first(server))
    # the laptop closes: nothing of the first process is used below but the files it left
    store = lesson_store(tmp_path)
    assert room_path(store.autosave_path(eng.scenario.id)).exists()
    session = store.load(store.autosave_path(eng.scenario.id), eng)
    store.attach(session, save_now=False)
    again = Room.open(Lesson.resume(session), room_path(store.autosave_path(eng.scenario.id)))
    assert (again.code, again.key, again.projector_key) == (room.code, room.key, room.projector_key)

    async def second(server):
        a = await Client.open(server)
        await a.send(type="resume", token=welcome["token"])
        back = await a.next("welcome")
        state = await a.next("state")
        assert back["seat"] == welcome["seat"]
        assert state["at"] == at and state["my_vote"] == "go-public"
        _hostc, hs = await host(server, again)
        assert hs["votes"] == {"jfk": "go-public"} and hs["phase"] == "discuss"
        assert hs["teams"]["us"]["paused"]  # the time the laptop was closed is not the class's
        b = await Client.open(server)
        await b.send(type="resume", token=welcome_b["token"])
        assert (await b.next("welcome"))["seat"]["name"] == "Boris"
        c = await Client.open(server)
        await c.send(type="join", room=room.code, name="Cy")  # the same code still works for newcomers
        assert (await c.next("welcome"))["seat"]["slot"] not in (welcome["seat"]["slot"], welcome_b["seat"]["slot"])

    with serving(again) as server:
        run(second(server))


def test_open_room_resumes_the_lesson_in_progress_unless_a_new_one_is_asked_for(tmp_path):
    eng = engine(OCTOBER)
    first = open_room(eng, _setup(), tmp_path, seed=SEED)
    token, slot = first.room.join(first.room.code, "Ana")
    first.room.flush()
    resumed = open_room(eng, _setup(), tmp_path, seed=SEED)
    assert resumed.resumed and resumed.room.code == first.room.code
    assert resumed.room.resume(token)[1] == slot
    new = open_room(eng, _setup(), tmp_path, seed=SEED, new=True)
    assert not new.resumed
    assert new.room.code != first.room.code or new.room.key != first.room.key
    assert not any(s["taken"] for s in new.room.seats())


def test_a_damaged_lesson_autosave_is_said_and_a_new_lesson_starts(tmp_path):
    eng = engine(OCTOBER)
    store = lesson_store(tmp_path)
    store.folder.mkdir(parents=True)
    store.autosave_path(eng.scenario.id).write_text("{broken")
    opened = open_room(eng, _setup(), tmp_path, seed=SEED)
    assert not opened.resumed and "could not be read" in opened.notice


def test_a_lesson_that_ended_is_kept_with_its_report_when_the_same_command_starts_the_next(tmp_path):
    eng = engine(OCTOBER)
    first = open_room(eng, _setup(), tmp_path, seed=SEED).room
    first.host_act("end")
    first.flush()
    store = lesson_store(tmp_path)
    ended_log = len(store.load(store.autosave_path(eng.scenario.id), eng).log)
    again = open_room(eng, _setup(), tmp_path, seed=SEED)  # the same command, the next class
    assert not again.resumed and "had ended" in again.notice and "kept as" in again.notice
    kept = [p for p in store.folder.glob("lesson-*.json")]
    assert len(kept) == 1, kept
    assert len(store.load(kept[0], eng).log) == ended_log  # every vote and decision of the ended lesson
    assert (store.folder / f"{kept[0].stem}-report.html").read_text(encoding="utf-8").count("How the class decided")
    assert (store.folder / f"{kept[0].stem}-report-a4.pdf").read_bytes().startswith(b"%PDF")
    assert not store.load(store.autosave_path(eng.scenario.id), eng).state.ended  # the new lesson took the slot


def test_a_new_lesson_asked_for_keeps_the_one_in_progress(tmp_path):
    eng = engine(OCTOBER)
    first = open_room(eng, _setup(), tmp_path, seed=SEED).room
    first.host_act("discuss")
    first.flush()
    store = lesson_store(tmp_path)
    log = len(store.load(store.autosave_path(eng.scenario.id), eng).log)
    again = open_room(eng, _setup(), tmp_path, seed=SEED, new=True)
    assert not again.resumed and "set aside" in again.notice
    kept = list(store.folder.glob("lesson-*.json"))
    assert len(kept) == 1 and len(store.load(kept[0], eng).log) == log
    third = open_room(eng, _setup(), tmp_path, seed=SEED, new=True)  # the same minute: a name of its own
    assert "set aside" in third.notice and len(list(store.folder.glob("lesson-*.json"))) == 2
