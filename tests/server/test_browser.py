"""The student and facilitator pages in a real browser: headless Chromium driven by Selenium against a real
classroom server on the loopback address.

A student joins with the room code (filled in from the QR code's URL), reads the role card, votes when the
facilitator opens the discussion, sees the tally move on the facilitator's page and the result after the
decision; a reload keeps the seat (the token in localStorage); a dropped server is reconnected to; a Soviet
student's page never holds a Washington-only secret. Screenshots at 360x640 and 1280x800, light and dark, go
to artifacts/screenshots/.

Debian's /usr/bin/chromium and /usr/bin/chromedriver are used as they are (Selenium Manager never runs, so
nothing is downloaded). Without them the tests skip and say why, unless EXCOMM_REQUIRE_BROWSER=1 (CI), when
they fail instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from tests.ui.ui_support import REAL, SHOTS

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PHONE, LAPTOP = (360, 640), (1280, 800)
WAIT = 15.0


def _missing() -> str:
    """Why the browser tests cannot run here ('' when they can)."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: python -m pip install -e '.[test]'"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (path.is_file() and os.access(path, os.X_OK)):
            return f"{path} is missing: apt-get install chromium chromium-driver"
    return ""


def _gate() -> None:
    """Skip with the reason when there is no browser here; under EXCOMM_REQUIRE_BROWSER=1, fail instead."""
    reason = _missing()
    if reason:
        if os.environ.get("EXCOMM_REQUIRE_BROWSER") == "1":
            pytest.fail(f"EXCOMM_REQUIRE_BROWSER=1 but the browser tests cannot run: {reason}")
        pytest.skip(f"no browser for the page tests: {reason}")


@pytest.fixture(scope="module")
def browser_ok():
    _gate()


def test_without_a_browser_the_tests_skip_unless_ci_requires_them(monkeypatch, tmp_path):
    monkeypatch.setitem(globals(), "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("EXCOMM_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-chromium is missing: apt-get install chromium"):
        _gate()
    monkeypatch.setenv("EXCOMM_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="EXCOMM_REQUIRE_BROWSER=1 but"):
        _gate()


class Browser:
    """One headless Chromium with its own profile; `size` and `dark` are emulated the way a phone reports them."""

    def __init__(self, size=PHONE, dark: bool = False):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="excomm-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in (*FLAGS, f"--user-data-dir={self.profile}", f"--window-size={size[0]},{size[1]}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
        self.resize(size)
        self.scheme(dark)

    def resize(self, size) -> None:
        w, h = size
        self.size = size
        metrics = {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": w < 600}
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)

    def scheme(self, dark: bool) -> None:
        features = [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": features})
        self.dark = dark

    def get(self, url: str) -> None:
        self.driver.get(url)

    def find(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def until(self, what, message: str, timeout: float = WAIT):
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.support.ui import WebDriverWait

        wait = WebDriverWait(
            self.driver, timeout, poll_frequency=0.05, ignored_exceptions=(StaleElementReferenceException,)
        )
        return wait.until(lambda _d: what(), message)

    def visible(self, css: str) -> bool:
        found = self.all(css)
        return bool(found) and found[0].is_displayed()

    def text(self, css: str) -> str:
        return self.find(css).text

    def page_source_text(self) -> str:
        """Every text the document holds, shown or hidden (what the page was sent and kept)."""
        return " ".join(str(self.driver.execute_script("return document.documentElement.textContent")).split())

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def errors(self) -> list[str]:
        """Console errors (a CSP violation, a script error, a failed request) since the last call."""
        return [e["message"] for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]

    def shot(self, label: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        w, h = self.size
        path = SHOTS / f"browser-{label}-{'dark' if self.dark else 'light'}-{w}x{h}.png"
        self.driver.save_screenshot(str(path))
        return path

    def quit(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture
def browsers(browser_ok):
    made: list[Browser] = []

    def make(size=PHONE, dark: bool = False) -> Browser:
        b = Browser(size, dark)
        made.append(b)
        return b

    yield make
    for b in made:
        b.quit()


def _lesson(teams: bool = True, count: int = 20):
    from game.classroom import Lesson, teams_of
    from game.engine.engine import Engine
    from game.scenario import catalog
    from game.session import Setup

    engine = Engine(catalog.load(str(REAL)))
    setup = Setup(people=teams_of(engine, teams), count=count, seconds=150)
    return Lesson.start(engine, setup, seed=6, fate="history")


@pytest.fixture
def served(tmp_path):
    """A two-team lesson's room, served on 127.0.0.1 (a free port); stopped after the test."""
    from game.server.room import Room
    from game.server.runner import ServerThread

    room = Room(_lesson(), path=tmp_path / "room-test.json")
    server = ServerThread(room, "127.0.0.1", 0).start()
    yield room, server
    server.stop()


def _flat(text: str) -> str:
    return " ".join(text.split())


def _only(room, side: str) -> list[str]:
    """What the scenario gives `side` alone (the first 40 characters of each): its secrets, the intelligence of
    its decisions (a bare line goes to the deciding side) and lines addressed to it, its roles' private
    knowledge."""
    from game.scenario.models import DecisionNode, IntelItem

    model = room.lesson.engine.scenario.model
    out = [s.text for s in model.secrets if s.known_to == side]
    for node in model.nodes:
        if not isinstance(node, DecisionNode):
            continue
        lines = list(node.intel) + [i for v in node.variants for i in (v.intel or [])]
        for line in lines:
            if isinstance(line, IntelItem):
                out += [line.text] if line.audience == side else []
            elif node.actor == side:
                out.append(line)
    out += [k for role in model.roles.values() if role.side == side for k in role.knows]
    return sorted({_flat(t)[:40] for t in out})


def _join(b: Browser, server, room, name: str, size=PHONE) -> None:
    b.get(f"{server.local_url}?room={room.code}")
    b.until(lambda: b.visible("#join-form"), "the join form is not shown")
    assert b.find("#room").get_attribute("value") == room.code  # the QR code's URL fills the code in
    field = b.find("#name")
    field.clear()  # the page offers the name typed last time
    field.send_keys(name)
    b.find("#join-button").click()
    b.until(lambda: b.visible("#card") and b.text("#role-name"), "the role card did not appear after joining")


def _seat(room, name: str) -> dict:
    return next(s for s in room.seats() if s["name"] == name)


def _fill_until(room, side: str) -> None:
    """Seat students through the room itself until the next free seat is on `side`'s team."""
    for i in range(40):
        free = next(s for s in room.seats() if not s["taken"])
        if free["side"] == side:
            return
        room.join(room.code, f"Filler {i}")
    raise AssertionError(f"no free seat on {side}'s team")


def _luminance(rgb: str) -> float:
    parts = [float(p) for p in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    return sum(parts) / 3


def test_a_student_joins_votes_and_sees_the_result(browsers, served):
    room, server = served
    phone = browsers(PHONE)
    # a wrong code is refused in words, and nothing is taken
    phone.get(f"{server.local_url}?room=QQQQ")
    phone.find("#name").send_keys("Ana")
    phone.find("#join-button").click()
    phone.until(lambda: phone.visible("#join-error"), "a wrong room code gave no message")
    assert "code" in phone.text("#join-error") and not any(s["taken"] for s in room.seats())
    phone.shot("join-refused")

    _join(phone, server, room, "Ana")
    seat = _seat(room, "Ana")
    assert seat["taken"] and seat["online"] >= 0
    assert phone.text("#role-name") == seat["role_names"][0]
    assert seat["side_name"] in phone.text("#role-side")
    phone.shot("role-card")
    # before the discussion opens, the buttons are there but voting is closed, and the page says why
    phone.until(lambda: len(phone.all("#options .option")) > 0, "the options are not shown")
    assert all(not b.is_enabled() for b in phone.all("#options .option"))
    assert phone.visible("#vote-closed") and "not open" in phone.text("#vote-closed")

    host = browsers(LAPTOP)
    host.get(f"{server.local_url}facilitator#key={room.key}")
    host.until(lambda: host.text("#room-code") == room.code, "the facilitator's page did not connect")
    host.until(lambda: "1 student joined" in host.text("#joined"), "the roster does not count the student")
    assert "Ana" in host.text("#roster")

    host.find("button[data-act='discuss']").click()  # the facilitator's page acts through the room
    phone.until(lambda: all(b.is_enabled() for b in phone.all("#options .option")), "voting did not open")
    assert room.lesson.phase == "discuss"
    assert not phone.visible("#vote-closed")
    # the sticky bar calls to the vote, wherever the page is scrolled (the brief may stand between)
    assert phone.text("#jump-vote") == "Vote now" and "open" in phone.find("#jump-vote").get_attribute("class")
    phone.shot("vote-now")
    first = phone.text("#timer")
    phone.until(lambda: phone.text("#timer") != first, "the timer does not count down between updates")

    buttons = phone.all("#options .option")
    pick = buttons[1]
    option = pick.get_attribute("data-option")
    option_text = pick.find_element("css selector", ".text").text
    pick.click()
    phone.until(
        lambda: phone.find(f"#options .option[data-option='{option}']").get_attribute("aria-pressed") == "true",
        "the chosen option is not marked aria-pressed",
    )
    pressed = [b.get_attribute("data-option") for b in phone.all("#options .option[aria-pressed='true']")]
    assert pressed == [option]
    assert room.lesson.role_votes() == {seat["voter"]: option}
    phone.until(lambda: phone.text("#jump-vote") == "Vote", "the bar still calls to a vote already cast")
    host.until(lambda: _tally(host, option) == "1", "the tally did not move on the facilitator's page")
    # who voted, by the name typed and the role's name: a teacher never reads a role's id ('Ana (jfk)')
    assert host.text("#voters") == f"Ana ({seat['role_names'][0]}): {option_text}"
    # a pause stops the clock, not the vote: the page says a tap still counts, and the buttons stay live
    room.host_act("pause")
    phone.until(lambda: "you can still vote" in phone.text("#vote-closed"), "a paused vote reads as closed")
    assert any(b.is_enabled() for b in phone.all("#options .option"))
    room.host_act("resume")
    phone.until(lambda: not phone.visible("#vote-closed"), "the pause note outlives the pause")
    phone.shot("voted")
    phone.js("document.getElementById('vote').scrollIntoView()")
    phone.shot("voted-options")  # the README's picture of the phone page (docs/images/student-phone.png)
    host.shot("facilitator-vote")

    host.find("button[data-act='decide']").click()
    phone.until(lambda: phone.visible("#result"), "the result is not shown after the decision")
    assert phone.text("#result-text") == option_text
    assert not [b for b in phone.all("#options .option") if b.is_enabled()]  # nothing to vote on now
    phone.shot("result")
    assert phone.errors() == [] and host.errors() == []  # no CSP violation, no script error, nothing refused

    # a reload comes back to the same seat (the token kept in localStorage), without the join form
    token = phone.js("return localStorage.getItem('excomm.token')")
    phone.driver.refresh()
    phone.until(lambda: phone.visible("#card") and phone.text("#role-name"), "a reload lost the role")
    assert not phone.visible("#join") and phone.text("#role-name") == seat["role_names"][0]
    assert phone.js("return localStorage.getItem('excomm.token')") == token
    assert [s["slot"] for s in room.seats() if s["taken"]] == [seat["slot"]]


def _tally(host: Browser, option: str) -> str:
    """The facilitator page's vote count for `option` (its row in the tally table)."""
    rows = host.all(f"#tally tr[data-option='{option}'] .count")
    return rows[0].text if rows else ""


def test_the_page_reconnects_to_its_seat_when_the_server_comes_back(browsers, served):
    from game.server.runner import ServerThread

    room, server = served
    phone = browsers(PHONE)
    _join(phone, server, room, "Ben")
    seat = _seat(room, "Ben")
    server.stop()  # the laptop's server goes away (Wi-Fi drop, a restart)
    phone.until(lambda: phone.visible("#connection"), "the page does not say the connection is lost")
    assert "Trying again" in phone.text("#connection") or "Connecting" in phone.text("#connection")
    again = ServerThread(room, "127.0.0.1", server.bound_port).start()
    try:
        phone.until(lambda: not phone.visible("#connection"), "the page did not reconnect", timeout=30)
        room.host_act("discuss")
        phone.until(lambda: all(b.is_enabled() for b in phone.all("#options .option")), "no state after resume")
        phone.all("#options .option")[0].click()
        phone.until(lambda: room.lesson.role_votes().get(seat["voter"]), "a vote after the reconnection is lost")
        assert _seat(room, "Ben")["slot"] == seat["slot"]
    finally:
        again.stop()


def test_leaving_frees_the_seat(browsers, served):
    room, server = served
    phone = browsers(PHONE)
    _join(phone, server, room, "Cleo")
    assert _seat(room, "Cleo")["taken"]
    phone.find("#leave").click()
    assert phone.visible("#card")  # the first tap only asks again
    phone.find("#leave").click()
    phone.until(lambda: phone.visible("#join-form"), "leaving did not return to the join form")
    assert "left" in phone.text("#notice")
    assert not any(s["name"] == "Cleo" and s["taken"] for s in room.seats())
    assert phone.js("return localStorage.getItem('excomm.token')") is None


def test_a_soviet_page_never_holds_a_washington_secret(browsers, served):
    room, server = served
    us_only, ussr_only = _only(room, "us"), _only(room, "ussr")
    assert len(us_only) > 10 and len(ussr_only) > 3
    washington = browsers(PHONE)
    _join(washington, server, room, "Dean")
    assert _seat(room, "Dean")["side"] == "us"
    _fill_until(room, "ussr")
    moscow = browsers(PHONE)
    _join(moscow, server, room, "Galya")
    assert _seat(room, "Galya")["side"] == "ussr"

    def check() -> None:
        red, blue = moscow.page_source_text(), washington.page_source_text()
        assert not [s for s in us_only if s in red], "a Washington-only secret reached a Soviet page"
        assert not [s for s in ussr_only if s in blue], "a Soviet-only secret reached a Washington page"

    moscow.until(lambda: moscow.text("#decision-h"), "the Soviet page shows no screen")
    check()
    assert any(s in moscow.page_source_text() for s in ussr_only)  # its own secrets do arrive
    assert any(s in washington.page_source_text() for s in us_only)  # and Washington's own intelligence
    room.host_act("discuss")
    washington.until(lambda: all(b.is_enabled() for b in washington.all("#options .option")), "no vote opened")
    assert moscow.visible("#vote-closed")  # Washington deliberates; Moscow waits, and is told what to do meanwhile
    assert "While you wait" in moscow.text("#vote-closed")
    # without a word of what Washington deliberates: not its title, not how many have voted
    assert moscow.text("#decision-h") == "In closed session"
    assert room.lesson.engine.node(room.lesson.session.state).title not in moscow.page_source_text()
    # Moscow's dossier, read once, folds away: open when it came, closed by a tap, kept closed by the next frame
    assert moscow.js("return document.getElementById('secrets-box').open") is True
    moscow.find("#secrets-box summary").click()
    washington.all("#options .option")[1].click()  # a frame for every page
    washington.until(lambda: room.lesson.role_votes(), "the vote did not arrive")
    time.sleep(0.3)
    assert moscow.js("return document.getElementById('secrets-box').open") is False
    moscow.js("document.getElementById('decision').scrollIntoView()")
    moscow.shot("soviet-waits")
    check()
    washington.all("#options .option")[0].click()
    washington.until(lambda: room.lesson.role_votes(), "the vote did not arrive")
    room.host_act("decide")
    washington.until(lambda: washington.visible("#result"), "no result after the decision")
    moscow.until(lambda: moscow.visible("#result"), "the Soviet page does not hear that Washington decided")
    check()
    moscow.shot("soviet-team")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_screenshots_and_preferences(browsers, served, size, dark):
    room, server = served
    b = browsers(size, dark)
    b.get(f"{server.local_url}?room={room.code}")
    b.until(lambda: b.visible("#join-form"), "no join form")
    background = b.js("return getComputedStyle(document.body).backgroundColor")
    assert (_luminance(background) < 60) == dark, f"{background} is not a {'dark' if dark else 'light'} page"
    assert b.find("#theme").get_attribute("aria-pressed") == str(dark).lower()
    b.shot("join")
    # every control is a tap target of at least 44 px, and nothing is wider than the screen
    for css in ("#theme", "#large", "#join-button", "#room", "#name"):
        rect = b.find(css).rect
        assert rect["height"] >= 44 and rect["width"] >= 44, f"{css} is {rect}"
    assert b.js("return document.documentElement.scrollWidth") <= size[0]
    _join(b, server, room, "Dara")
    room.host_act("discuss")
    b.until(lambda: all(x.is_enabled() for x in b.all("#options .option")), "voting did not open")
    for option in b.all("#options .option"):
        assert option.rect["height"] >= 44
    assert b.js("return document.documentElement.scrollWidth") <= size[0]
    b.shot("discussion")
    b.js("document.getElementById('vote').scrollIntoView()")
    b.shot("options")
    # the toggles: the other theme, large text; both kept over a reload
    b.find("#theme").click()
    b.find("#large").click()
    assert (_luminance(b.js("return getComputedStyle(document.body).backgroundColor")) < 60) != dark
    assert b.js("return getComputedStyle(document.documentElement).fontSize") == "20px"
    assert b.js("return document.documentElement.scrollWidth") <= size[0]  # large text still fits the width
    b.shot("large-text-other-theme")  # named by the theme it started in
    b.driver.refresh()
    b.until(lambda: b.visible("#card"), "a reload lost the seat")
    assert b.find("#large").get_attribute("aria-pressed") == "true"
    assert b.find("#theme").get_attribute("aria-pressed") == str(not dark).lower()
    assert b.errors() == []


def test_the_page_speaks_to_a_screen_reader(browsers, served):
    room, server = served
    b = browsers(PHONE)
    b.get(f"{server.local_url}?room={room.code}")
    for field in ("room", "name"):
        label = b.find(f"label[for='{field}']")
        assert label.text.strip(), f"the {field} field has no label"
    _join(b, server, room, "Eli")
    live = b.find("#live")
    assert live.get_attribute("aria-live") == "polite"
    headings = [h.text for h in b.all("main h2") if h.is_displayed()]
    assert "Your role" in headings and "Your vote" in headings
    said = live.get_attribute("textContent")
    room.host_act("discuss")
    b.until(lambda: live.get_attribute("textContent") != said, "the phase change was not announced")
    assert "Discussion" in live.get_attribute("textContent")
    # the keyboard reaches the vote, and focus is visible
    b.until(lambda: all(x.is_enabled() for x in b.all("#options .option")), "voting did not open")
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(40):  # Tab through the page as a keyboard user does, to the first option
        ActionChains(b.driver).send_keys(Keys.TAB).perform()
        if b.js("return document.activeElement.classList.contains('option')"):
            break
    else:
        raise AssertionError("Tab never reaches the vote buttons")
    style = b.js("const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]")
    assert style[0] != "none" and float(style[1].rstrip("px")) >= 2, f"focus is not visible: {style}"


def test_the_facilitator_page_needs_its_key(browsers, served):
    room, server = served
    b = browsers(LAPTOP)
    b.get(f"{server.local_url}facilitator")
    b.until(lambda: b.visible("#nokey"), "the page without a key does not say what to open")
    b.get(f"{server.local_url}facilitator#key=wrong-key-wrong-key")
    b.until(lambda: b.visible("#notice"), "a wrong key gave no message")
    assert "key" in b.text("#notice") and not b.visible("#desk")
    b.get(f"{server.local_url}facilitator#key={room.key}")  # a new key in the fragment: the page starts again
    b.until(lambda: b.text("#room-code") == room.code, "the right key did not open the desk")
    time.sleep(0.2)
    b.shot("facilitator")


def test_the_facilitator_page_runs_the_lesson(browsers, served):
    from selenium.webdriver.support.ui import Select

    room, server = served
    phone = browsers(PHONE)
    _join(phone, server, room, "Fay")
    seat = _seat(room, "Fay")
    host = browsers(LAPTOP)
    host.get(f"{server.local_url}facilitator#key={room.key}")
    host.until(lambda: host.text("#room-code") == room.code, "the facilitator's page did not connect")
    # the buttons follow the lesson: at the briefing the discussion is the next step, deciding is not possible
    assert host.find("button[data-act='discuss']").is_enabled()
    assert "primary" in host.find("button[data-act='discuss']").get_attribute("class")
    assert not host.find("button[data-act='decide']").is_enabled()

    # a secret Moscow holds, revealed to Washington: it reaches the Washington student's page
    secret = next(s for s in room.lesson.engine.scenario.model.secrets if s.known_to == "ussr")
    assert _flat(secret.text)[:40] not in phone.page_source_text()
    Select(host.find("#reveal-what")).select_by_value(secret.id)
    Select(host.find("#reveal-to")).select_by_value("us")
    host.find("#reveal").click()
    phone.until(lambda: _flat(secret.text)[:40] in phone.page_source_text(), "the revealed secret did not arrive")

    # a team's view on the big screen shows that team's secrets to the whole room: the page asks first
    Select(host.find("#show-what")).select_by_value("ussr")
    host.find("#show").click()
    assert "whole room will see the Moscow team's secrets" in host.text("#show")
    time.sleep(0.3)
    assert room.lesson.screen == "projector"  # one click alone shows nothing
    host.find("#show").click()
    host.until(lambda: room.lesson.screen == "ussr", "the second click did not show Moscow's view")
    assert host.text("#show") == "Show on the screen"
    Select(host.find("#show-what")).select_by_value("projector")
    host.find("#show").click()  # back to the public view: nothing to ask
    host.until(lambda: room.lesson.screen == "projector", "the public view did not come back in one click")

    # an incident injected from the page is news on the student's page
    incident_id, title = room.lesson.injectable()[0]
    Select(host.find("#inject-what")).select_by_value(incident_id)
    host.find("#inject").click()
    phone.until(lambda: title in phone.page_source_text(), "the injected incident is not news on the page")
    host.until(lambda: title in host.text("#projector"), "the projector's view does not show the incident")

    # each team's screen on the facilitator's page carries its news as that team heard it: the part of an
    # incident kept to Moscow is on Moscow's screen and not on Washington's
    room.host_act("inject", "u2-shootdown")
    kept = "Moscow had not ordered it"
    host.until(lambda: len(host.all("#teams details")) == 2, "the facilitator's page shows no team screens")
    for details in host.all("#teams details"):
        details.find_element("css selector", "summary").click()
    host.until(lambda: kept in host.text("#teams"), "Moscow's private part of the incident is not on its screen")
    screens = {d.find_element("css selector", "summary").text: d.text for d in host.all("#teams details")}
    assert kept in screens["The Moscow team"] and kept not in screens["The Washington team"]
    assert "A U-2 is shot down" in screens["The Washington team"]
    host.shot("facilitator-team-news")

    # the facilitator moves the student to another seat: the page follows (the token goes with the student)
    free = next(s for s in room.seats() if not s["taken"] and s["slot"] != seat["slot"])
    row = next(r for r in host.all("#roster tr") if r.text.startswith(seat["slot"] + " "))
    Select(row.find_element("css selector", "select")).select_by_value(free["slot"])
    row.find_element("css selector", "button").click()
    host.until(lambda: _seat(room, "Fay")["slot"] == free["slot"], "the move did not happen")
    phone.until(lambda: free["slot"] in phone.text("#seat"), "the student's page does not show the new seat")
    assert phone.text("#role-name") == free["role_names"][0]
    # and says so: a student moved mid-lesson is told the new role in words, the new brief open to read
    phone.until(lambda: phone.visible("#moved"), "the moved student is not told of the move")
    assert free["role_names"][0] in phone.text("#moved-text")
    assert phone.js("return document.getElementById('role-more').open") is True
    phone.shot("student-moved")
    phone.find("#moved-ok").click()
    assert not phone.visible("#moved")
    phone.driver.refresh()  # the page coming back to the same seat tells no move again
    phone.until(lambda: free["slot"] in phone.text("#seat"), "the page did not come back to its seat")
    time.sleep(0.3)
    assert not phone.visible("#moved")
    assert host.js("return document.documentElement.scrollWidth") <= LAPTOP[0]  # nothing runs off the side
    host.shot("facilitator-roster")

    # freeing the seat ends the student's place: the page says so in words and offers to join again
    row = next(r for r in host.all("#roster tr") if r.text.startswith(free["slot"] + " "))
    button = row.find_element("css selector", "button.danger")
    button.click()
    assert button.text == "Click again to free"  # one click asks again: a seat (and its vote) is not freed by a slip
    time.sleep(0.3)
    assert _seat(room, "Fay")["taken"]
    row = next(r for r in host.all("#roster tr") if r.text.startswith(free["slot"] + " "))
    row.find_element("css selector", "button.danger").click()
    phone.until(lambda: phone.visible("#join-form"), "a freed seat did not return the page to the join form")
    assert "join" in phone.text("#join-error").lower()
    assert not any(s["name"] == "Fay" and s["taken"] for s in room.seats())
    assert phone.js("return localStorage.getItem('excomm.token')") is None
    assert host.errors() == [] and phone.errors() == []


def test_a_student_with_two_roles_then_the_end_of_the_crisis(browsers, tmp_path):
    from game.server.room import Room
    from game.server.runner import ServerThread

    room = Room(_lesson(teams=False, count=3))  # three students for the council: some hold two cards
    server = ServerThread(room, "127.0.0.1", 0).start()
    try:
        assert any(len(s["roles"]) > 1 for s in room.seats()), "nobody holds two cards with three students"
        for i in range(3):  # classmates take the seats before the first with two cards
            if len(next(s for s in room.seats() if not s["taken"])["roles"]) > 1:
                break
            room.join(room.code, f"Classmate {i}")
        phone = browsers(PHONE)
        _join(phone, server, room, "Hal")
        seat = _seat(room, "Hal")
        assert len(seat["role_names"]) > 1
        phone.until(lambda: phone.visible("#also-box"), "the second card is not shown")
        assert all(name in phone.text("#also") for name in seat["role_names"][1:])
        # each other card opens to its own brief, on the phone: no paper card needed for it
        second = room.lesson.casting.by_student[seat["slot"]][1]
        portrait = _flat(room.lesson.engine.scenario.model.roles[second].portrait)[:40]
        folded = phone.all("#also details")
        assert len(folded) == len(seat["role_names"]) - 1
        assert portrait not in _flat(phone.text("#also"))  # folded until opened
        folded[0].find_element("css selector", "summary").click()
        phone.until(lambda: portrait in _flat(phone.text("#also")), "the second card's brief does not open")
        phone.shot("also-brief")
        room.host_act("end")
        phone.until(lambda: phone.visible("#ending"), "the end of the crisis is not shown")
        assert phone.text("#ending-title") and "Risk" in phone.text("#ending-risk")
        told = _flat(room.lesson.engine.node(room.lesson.session.state).text)
        assert told[:60] in _flat(phone.text("#ending-text"))  # how it ended, in the ending's own words
        assert not phone.visible("#vote") and not phone.visible("#jump-vote")  # nothing is left to vote on
        phone.shot("ending")
    finally:
        server.stop()
    # the server is gone after the end: the page says the lesson is over instead of knocking for ever
    phone.until(lambda: "lesson is over" in phone.text("#connection"), "the page keeps reconnecting after the end")


def test_spoken_arguments_reach_the_pages_and_the_ended_lesson_links_its_report(browsers, served):
    import urllib.request

    room, server = served
    _fill_until(room, "us")
    phone = browsers(PHONE)
    _join(phone, server, room, "Ivy")
    host = browsers(LAPTOP)
    host.get(f"{server.local_url}facilitator#key={room.key}")
    host.until(lambda: host.text("#room-code") == room.code, "the facilitator's page did not connect")
    assert not phone.visible("#said")
    link = host.find("#projector-link").get_attribute("href")  # the projector's own key, not the facilitator's
    assert link.endswith(f"/projector#key={room.projector_key}") and room.key not in link
    host.find("button[data-act='speak'][data-arg='*']").click()  # every role's argument, put to the council
    phone.until(lambda: phone.visible("#said"), "the arguments put to the council are not on the phone")
    said = phone.text("#said-list")
    spoken = room.lesson.spoken()
    assert spoken == ["*"] and ":" in said and len(phone.all("#said-list li")) >= 2
    host.until(lambda: host.visible("#teams"), "no team screens")
    assert said.splitlines()[0] in host.page_source_text()  # the facilitator sees what each team was told
    phone.js("document.getElementById('said').scrollIntoView()")
    phone.shot("spoken-arguments")
    assert not host.visible("#report-box")
    room.host_act("end")
    host.until(lambda: host.visible("#report-box"), "the ended lesson does not offer its report")
    href = host.find("#report-html").get_attribute("href")
    assert href.startswith(server.local_url) and f"key={room.key}" in href
    with urllib.request.urlopen(href, timeout=10) as response:
        assert response.status == 200 and b"How the class decided" in response.read()
    pdf = host.find("#report-a4").get_attribute("href")
    with urllib.request.urlopen(pdf, timeout=10) as response:
        assert response.read(4) == b"%PDF"
    host.shot("facilitator-ended")
    host.get(href)  # the report page itself, as the browser shows it: styled, no script error, nothing refused
    host.until(lambda: "How the class decided" in host.text("body"), "the report page did not open")
    host.shot("report-page")
    assert host.errors() == [] and phone.errors() == []


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_projectors_page_shows_the_public_view_the_way_in_and_nothing_secret(browsers, served, size):
    room, server = served
    wall = browsers(size)
    wall.get(f"{server.local_url}projector#key={room.projector_key}")
    wall.until(lambda: wall.text("#room-code") == room.code, "the projector's page did not connect")
    assert wall.visible("#qr svg") and room.join_url in wall.text("#join-url")
    assert wall.text("#heading").endswith("decides") and wall.text("#title")
    seen = _flat(wall.page_source_text())
    for secret in _only(room, "ussr") + _only(room, "us"):  # two teams: the public view holds neither's
        assert secret not in seen, secret
    assert not wall.visible("#options-box")  # the deciding team's options are its own
    assert wall.js("return document.documentElement.scrollWidth") <= size[0]
    wall.shot("projector-public")
    room.host_act("discuss")  # the discussion's clock counts down on the wall between the server's frames
    wall.until(lambda: wall.text("#p-timer"), "the projector's page shows no timer in a discussion")
    first = wall.text("#p-timer")
    wall.until(lambda: wall.text("#p-timer") != first, "the projector's timer does not count down")
    room.host_act("show", "us")  # the facilitator turns the screen to the Washington team
    wall.until(lambda: wall.visible("#options-box"), "the team's view did not reach the projector's page")
    time.sleep(0.3)
    # nobody scrolls a projector: the team's whole view, options included, fits the screen
    assert wall.js("return document.documentElement.scrollHeight") <= size[1] + 2
    wall.shot("projector-team")
    room.host_act("show", "blank")
    wall.until(lambda: wall.visible("#blank") and not wall.visible("#shown"), "the blank screen is not blank")
    room.host_act("show", "projector")
    room.host_act("end")  # once the crisis is over the wall shows the debrief, and no longer invites anyone in
    wall.until(lambda: wall.visible("#debrief-box"), "the ended lesson's wall does not offer the debrief")
    assert not wall.visible("#way-in") and not wall.visible("#qr svg")
    assert wall.errors() == []
