"""A decision: the date, the briefing, the options with their advisors, intelligence, map and escalation."""

from __future__ import annotations

import pygame

from game import wording as fmt
from game.ui import links
from game.ui.scenes import extras
from game.ui.scenes.base import Scene, view_check
from game.ui.scenes.common import MapPanel, escalation_blocks, go_back, intel_blocks, number_of_key, open_histories
from game.ui.widgets import backers, calendar, doc
from game.ui.widgets.buttons import Button, button_size
from game.ui.widgets.doc import P, prose
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.gauge import hatch
from game.ui.widgets.scroll import ScrollView

ODDS_POLICY = "historical-dice"  # the way of playing on that the odds tab assumes (the odds screen offers all)
# How much of each option's case is shown: every argument, the selected option's, or only who speaks to it.
FOLDS = ("full", "selected", "names")


class OptionsView(ScrollView):
    """The options as cards: number, text, detail, who speaks to it for or against (by face and name) and
    why; unavailable ones say why. The full text of every option is always shown; the advisors' arguments
    fold away when the cards would not all fit (`fold`), the selected option's first."""

    def __init__(self, rect, tf, choices, selected=None, scenario_model=None):
        self.choices = choices
        self.selected = selected
        self.scenario_model = scenario_model
        self.fold = "full"
        self.cards: list[pygame.Rect] = []
        super().__init__("options", rect, tf, [])

    def _card_blocks(self, c, argue: bool, width: int) -> list:
        tf = self.tf
        color = "text" if c.available else "disabled"
        blocks = [P(f"{c.number}.  {c.text}", "bold", color, after=3)]
        if c.historical:  # set only when the player asked for the 1962 choice to be marked (a view setting)
            blocks.append(P("★ The ExComm's choice in 1962", "small", "accent", after=3))
        if c.detail:
            blocks.append(P(c.detail, "small", "muted" if c.available else "disabled", after=3))
        if not c.available:
            blocks.append(P(f"✕ Not available: {c.reason}", "small", "warn", after=3))
        if c.advisors and self.fold == "names":
            # tightest: the backers share the last line of the text when they fit beside it
            last = blocks[-1]
            end = tf.width(last.role, tf.wrap(last.role, last.text, width)[-1])
            if end + tf.px(24) + backers.row_width(c.advisors, tf) <= width:
                lift = tf.px(last.after) + tf.line_height(last.role)
                blocks.append(
                    backers.inline_backers(c.advisors, self.scenario_model, color, tf.line_height(last.role), lift)
                )
            else:
                # signs as beside the text: every card, in every layout, marks leaning the one way
                blocks.append(backers.backers_figure(c.advisors, self.scenario_model, color, compact=True, signs=True))
        elif c.advisors:
            blocks.append(backers.backers_figure(c.advisors, self.scenario_model, color, signs=True))
        if argue:
            for a in c.advisors:
                lean = f", {a.stance}" if a.stance else ""
                blocks.append(
                    P(f"{a.name} ({a.role}{lean}): “{a.argument}”", "small", color, indent=16, bullet="›", after=2)
                )
        return blocks

    def _argue(self, i: int) -> bool:
        return self.fold == "full" or (self.fold == "selected" and i == self.selected)

    def relayout(self) -> None:
        inner = self.inner()
        for reserve in (0, self.bar_w + self.tf.px(4)):
            width = inner.w - reserve
            pad = self.tf.px(6)
            n_open = sum(c.available for c in self.choices)
            opened = "all open" if n_open == len(self.choices) else f"{n_open} open to you now"
            # the signs beside the faces, said once (a face without one spoke to the option without leaning)
            advisers = [a for c in self.choices for a in c.advisors]
            leaning = any(getattr(a, "stance", "") for a in advisers)
            neither = leaning and any(not getattr(a, "stance", "") for a in advisers)
            signs = (" · + for, − against" + (", no sign: neither" if neither else "")) if leaning else ""
            # the same few words in every layout (A unfolds the arguments; in the fullest they are all shown)
            argue = "" if self.fold == "full" else " · A: arguments"
            said = f"YOUR OPTIONS — {len(self.choices)}, {opened} · a number or click{argue}{signs}"
            head = doc.layout(
                [
                    P(
                        said,
                        "small",
                        "muted",
                        after=4,
                    )
                ],
                width,
                self.tf,
            )
            items, cards = list(head.items), []
            y = head.height
            widest = head.widest
            seen: set = set()  # a term is linked at its first mention among the options
            for i, c in enumerate(self.choices):
                inner_w = width - 2 * pad - self.tf.px(6)
                laid = doc.layout(
                    links.mark(self.scenario_model, self._card_blocks(c, self._argue(i), inner_w), seen),
                    inner_w,
                    self.tf,
                    pad + self.tf.px(6),
                    y + pad,
                )
                h = laid.height - y + pad - self.tf.px(2)
                cards.append(pygame.Rect(0, y, width, h))
                items.extend(laid.items)
                widest = max(widest, laid.widest)
                y += h + self.tf.px(6)
            self.laid = doc.Laid(items, y, width, widest)
            self.cards = cards
            if y <= inner.h:
                break
        self.settle()

    def fit(self, rect: pygame.Rect, tf, room: int, pinned: str | None = None, share: int | None = None) -> None:
        """Take `rect`'s width and the richest fold whose cards fit `share` px high (the briefing keeps the
        rest), else the tightest fold in up to `room` (or `pinned`); then the height they need."""
        tries = [(f, share or room) for f in FOLDS] + [(FOLDS[-1], room)]
        for fold, limit in [(pinned, room)] if pinned else tries:
            self.fold = fold
            self.set(pygame.Rect(rect.x, rect.y, rect.w, room), tf)
            if self.natural_height() <= limit:
                break
        self.set(pygame.Rect(rect.x, rect.y, rect.w, min(room, self.natural_height())), tf)

    def all_visible(self) -> bool:
        """Every card lies wholly inside the visible area, without scrolling."""
        inner = self.inner()
        return self.max_offset == 0 and all(r.bottom <= inner.h for r in self.cards)

    def natural_height(self) -> int:
        return self.content_h + 2 * self.pad

    def card_at(self, pos) -> int | None:
        inner = self.inner()
        if not inner.collidepoint(pos):
            return None
        for i, r in enumerate(self.cards):
            if r.move(inner.x, inner.y - self.offset).collidepoint(pos):
                return i
        return None

    def reveal(self, i: int) -> None:
        r = self.cards[i]
        h = self.inner().h
        if r.y < self.offset:
            self.offset = self.snap_down(r.y)
        elif r.bottom > self.offset + h:
            self.offset = self.snap_up(r.bottom - h + self.cue_h())

    def draw(self, surface):
        tf = self.tf
        pal = tf.pal
        pygame.draw.rect(surface, pal.panel, self.rect, border_radius=6)
        pygame.draw.rect(surface, pal.border, self.rect, 1, border_radius=6)
        inner = self.inner()
        clip = self.text_clip()
        old = surface.get_clip()
        surface.set_clip(clip)
        for i, (c, r) in enumerate(zip(self.choices, self.cards, strict=True)):
            rr = r.move(inner.x, inner.y - self.offset)
            if rr.bottom < inner.top or rr.top > inner.bottom:
                continue
            sel = i == self.selected
            pygame.draw.rect(surface, pal.focus_bg if sel else pal.panel_alt, rr, border_radius=6)
            if not c.available:
                hatch(surface, rr, pal.panel, tf.px(10))
            pygame.draw.rect(surface, pal.accent if sel else pal.border, rr, 3 if sel else 1, border_radius=6)
            if sel:
                pygame.draw.rect(surface, pal.accent, (rr.x, rr.y, tf.px(5), rr.h), border_radius=2)
        surface.set_clip(old)
        self.frame = False
        super().draw(surface)
        self.frame = True


class DecisionScene(Scene):
    def __init__(self, app, session):
        super().__init__(app)
        self.session = session
        self.engine = app.engine
        self.node = self.engine.node(session.state)
        self.view = session.decision_view()
        self.choices = list(self.view.choices)
        self.selected: int | None = None
        self.tab = "intel"
        self.message = ""
        self.map_panel = MapPanel()
        self.views: dict[str, ScrollView] = {}
        self.options: OptionsView | None = None
        self.worker = None  # the odds of every option, when the player asked for them during play
        self._follow_odds_setting()
        self.show_arguments = False  # A: every argument unfolded, even if the options then scroll
        self._risk_scrolls = False  # the risk panel scrolled at the last layout (the footer then names [ ])
        self._relaying = False
        self.link_focus = links.LinkFocus()

    def startup(self):
        self.app.skipping = False  # a skip through read text stops at a decision
        extras.enter(self.app, self.session.state.risk, "tick")

    def resume(self):
        """Back from the codex, the map, the log or the menu: as it was left, without the cue again — but the
        odds follow the setting at once, so turning them on in the menu shows them at this decision."""
        if self._follow_odds_setting():
            self.layout(self.app.size)
            self.dirty()

    def _follow_odds_setting(self) -> bool:
        """Start or drop the odds worker to match the setting; whether anything changed."""
        app, session = self.app, self.session
        wanted = bool(getattr(app.settings, "show_odds", False)) and self.view.actor == app.scenario.model.player
        if wanted == (self.worker is not None):
            return False
        if wanted:
            from game.ui.odds import OddsWorker

            self.worker = OddsWorker()
            self.worker.request(self.engine, session.state, ODDS_POLICY, (session.current.id, ODDS_POLICY))
            self.animating = True
        else:
            self.worker.cancel()  # the thread stops at its next check; nothing is shown from it
            self.worker = None
            if self.tab == "odds":
                self.tab = "intel"
            self.views.pop("odds", None)
        return True

    def link_views(self) -> list:
        """The views whose codex links F moves through, in reading order."""
        return [self.views["briefing"], self.options, self.views["escalation"], self.views[self.tab]]

    # layout ---------------------------------------------------------------
    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(12)
        st = self.session.state
        node = self.node
        band = tuple(self.app.scenario.model.risk.band)
        left_w = int((w - 3 * m) * 0.62)
        right_w = w - 3 * m - left_w
        who = f"{self.view.actor_name} decides"
        self.head = FixedText(
            "header",
            [
                P(f"{fmt.when(st.clock, year=True)} · {who}", "small", "accent", after=1),
                P(node.title, "title", after=0),
            ],
            left_w,
            tf,
        ).place(m, m)
        self.calendar = pygame.Rect(2 * m + left_w, m, right_w, calendar.strip_height(tf))
        self.days = calendar.strip_days(self.app.scenario.model)
        risk_keys = " · [ ] scroll the risk panel" if self._risk_scrolls else ""
        # Enter, A and Esc are on the buttons beside it (Decide, arguments, Menu): not said twice
        hint = extras.hint(
            f"1–9 choose · PgUp/PgDn{risk_keys} · Tab panels · B back · H histories · {extras.KEYS_SHORT}"
        )
        label = f"Decide: option {self.selected + 1} (Enter)" if self.selected is not None else "Choose an option first"
        bw, bh = button_size(tf, label)
        self.decide = Button(label, pygame.Rect(w - m - bw, h - m - bh, bw, bh), enabled=self.selected is not None)
        self.menu_btn = extras.menu_button(tf, self.decide.rect.left - tf.px(8), self.decide.rect.centery)
        # what A does, to the mouse: every adviser's argument unfolded, or folded back
        argued = any(a.argument for c in self.choices for a in c.advisors)
        self.args_btn: Button | None = None
        left_of = self.menu_btn.rect.left
        if argued:
            said = "Fold arguments (A)" if self.show_arguments else "All arguments (A)"
            aw, ah = button_size(tf, said, "small")
            self.args_btn = Button(said, pygame.Rect(0, 0, aw, ah))
            self.args_btn.rect.midright = (left_of - tf.px(8), self.decide.rect.centery)
            left_of = self.args_btn.rect.left
        foot = [P(hint, "small", "muted")]
        if self.message:  # above the keys, which stay in view (the message may be about one of them)
            foot.insert(0, P(self.message, "small", "warn", after=1))
        self.foot = FixedText("footer", foot, left_of - 2 * m, tf)
        self.foot.place(m, self.decide.rect.centery - self.foot.height // 2)
        if self.foot.rect.top < self.decide.rect.top:
            self.foot.rect.top = min(self.foot.rect.top, h - m - self.foot.height)
        bottom = min(self.decide.rect.top, self.foot.rect.top) - m
        top = self.head.rect.bottom + tf.px(8)
        body_h = bottom - top
        # left: briefing above, options below. Every option's full text is shown at once where the window
        # allows (the arguments fold away first); the briefing keeps at least a quarter and scrolls.
        gap = tf.px(8)
        if self.options is None:
            self.options = OptionsView(
                pygame.Rect(m, top, left_w, body_h // 2), tf, self.choices, self.selected, self.app.scenario.model
            )
        self.options.selected = self.selected
        room = int(body_h * 0.72)  # the briefing keeps over a quarter: showing the arguments never hides it
        pinned = "full" if self.show_arguments else None
        self.options.fit(pygame.Rect(m, top, left_w, room), tf, room, pinned, share=int(body_h * 0.6))
        opt_h = self.options.rect.h
        brief_rect = pygame.Rect(m, top, left_w, body_h - opt_h - gap)
        self.options.set(pygame.Rect(m, brief_rect.bottom + gap, left_w, opt_h), tf)
        if self.selected is not None:
            self.options.reveal(self.selected)  # a new text size or window keeps the selection in view
        text, departs = self.view.text, self.view.departs
        brief = [*prose(text or "")]
        if node.invented:
            brief.append(P("This scene is the game's invention, not a documented event.", "small", "muted"))
        elif departs:
            brief.append(P("Earlier moves in your game have made this scene depart from 1962's.", "small", "muted"))
        if node.sources:
            cites = "; ".join(self.app.scenario.model.sources.get(s, s) for s in node.sources)
            brief.append(P(f"Sources: {cites}", "small", "muted"))
        self._view("briefing", brief_rect, [P("THE BRIEFING", "small", "muted", after=4), *brief])
        # right: escalation above, intelligence / map tabs below
        x = 2 * m + left_w
        last = st.steps[-1] if st.steps else None
        esc_blocks = escalation_blocks(self.engine, st, last, band, self.view.viewer, looking_back=True)
        cap = int(body_h * 0.56)
        need = doc.layout(esc_blocks, right_w - 2 * tf.px(10), tf).height + 2 * tf.px(10)
        if need > cap:  # a short window: tighter wording, so that what drove the risk shows without scrolling
            esc_blocks = escalation_blocks(
                self.engine, st, last, band, self.view.viewer, looking_back=True, compact=True
            )
            need = doc.layout(esc_blocks, right_w - 2 * tf.px(10), tf).height + 2 * tf.px(10)
        esc_h = min(cap, need)
        if self.tab == "map":  # the map needs the room; the escalation panel still scrolls
            esc_h = min(esc_h, int(body_h * 0.34))
        self._view("escalation", pygame.Rect(x, top, right_w, esc_h), esc_blocks)
        tab_y = top + esc_h + gap
        names = {"intel": "Intelligence", "map": "Map", **({"odds": "Odds"} if self.worker is not None else {})}
        tw = [button_size(tf, t, "bold") for t in names.values()]
        self.tabs, tx = {}, x
        for (key, label), button in zip(names.items(), tw, strict=True):
            self.tabs[key] = Button(label, pygame.Rect(tx, tab_y, *button))
            tx += button[0] + gap
        panel = pygame.Rect(x, tab_y + tw[0][1] + tf.px(4), right_w, bottom - tab_y - tw[0][1] - tf.px(4))
        self._view("intel", panel, intel_blocks(self.view))
        self._view("map", panel, self.map_panel.blocks(self.engine, st, panel.h - 2 * tf.px(10) - tf.px(40), tf))
        if self.worker is not None:
            self._view("odds", panel, self._odds_blocks())
        # the footer names the keys that scroll the risk panel only when it scrolls: known once it is laid out,
        # so a change lays the screen out once more (never a second time: the footer could flip it back)
        scrolls = self.views["escalation"].overflows()
        if scrolls != self._risk_scrolls and not self._relaying:
            self._risk_scrolls = scrolls
            self._relaying = True
            try:
                self.layout(size)
            finally:
                self._relaying = False

    def _odds_blocks(self) -> list:
        from game.ui.odds import policy_labels
        from game.ui.scenes.odds import odds_blocks

        job = self.worker.job
        head = P(
            f"THE ODDS IF PLAY GOES ON BY: {policy_labels(self.app.scenario)[ODDS_POLICY].upper()}",
            "small",
            "muted",
            after=4,
        )
        if job is not None and job.error:
            return [head, P(job.error, "small", "warn")]
        if job is None or job.result is None:
            return [head, P("Computing the exact odds…", "body", "muted")]
        return [
            head,
            *odds_blocks(self.app.scenario, job.result, ODDS_POLICY, numbers=False, compact=True),
            P("O: every way of playing on, with the numbers", "small", "muted"),
        ]

    def update(self, dt):
        if self.animating and self.worker is not None and not self.worker.busy:
            self.animating = False
            self.layout(self.app.size)
            self.dirty()

    def set_tab(self, name: str) -> None:
        if self.link_focus.view is self.views.get(self.tab):
            self.link_focus.clear()  # the tab it was on is hidden
        self.tab = name
        self.layout(self.app.size)
        self.dirty()

    def _view(self, name: str, rect: pygame.Rect, blocks: list) -> None:
        blocks = links.mark(self.app.scenario.model, blocks)
        v = self.views.get(name)
        if v is None:
            self.views[name] = ScrollView(name, rect, self.tf, blocks)
        else:
            v.set(rect, self.tf, blocks)

    # input ------------------------------------------------------------------
    def select(self, i: int) -> None:
        if not 0 <= i < len(self.choices):  # a key with no option: say so rather than do nothing
            self.message = f"There is no option {i + 1} here: choose 1–{len(self.choices)}."
            self.layout(self.app.size)
            self.dirty()
            return
        c = self.choices[i]
        if not c.available:
            self.message = f"Option {c.number} is not available: {c.reason}"
        else:
            self.message = ""
            self.selected = i
        self.options.selected = self.selected
        self.layout(self.app.size)
        self.options.reveal(i)
        self.dirty()

    def confirm(self) -> None:
        if self.selected is None:
            self.message = "Choose an option first: press its number or click it."
            self.layout(self.app.size)
            self.dirty()
            return
        from game.ui.scenes.outcome import OutcomeScene

        step = self.session.choose(self.choices[self.selected].id)
        self.app.go(OutcomeScene(self.app, self.session, step))
        if self.session.repeated_last_move():  # gone back and chosen the same: say why nothing new happened
            self.app.toast.show(fmt.SAME_MOVE_AGAIN)

    def _move(self, d: int) -> None:
        n = len(self.choices)
        i = self.selected if self.selected is not None else (-1 if d > 0 else n)
        for _ in range(n):
            i += d
            if not 0 <= i < n:
                return
            if self.choices[i].available:
                self.select(i)
                return

    def handle_event(self, event):
        t = event.type
        if t == pygame.KEYDOWN:
            k = event.key
            num = number_of_key(k)
            if extras.handle_key(self.app, self, self.session, event, self._spoken):
                return
            if k == pygame.K_ESCAPE:
                from game.ui.scenes.pause import PauseScene

                self.app.go(PauseScene(self.app, self, self.session))
            elif k == pygame.K_a:
                self.toggle_arguments()
            elif num is not None:
                self.select(num - 1)
            elif k == pygame.K_b:
                if not go_back(self.app, self.session):
                    self.message = "This is the first decision: there is none before it to go back to."
                    self.layout(self.app.size)
                    self.dirty()
            elif k == pygame.K_h:
                open_histories(self.app, self.session, self)
            elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.confirm()
            elif k == pygame.K_DOWN:
                self._move(1)
            elif k == pygame.K_UP:
                self._move(-1)
            elif k == pygame.K_TAB:
                order = list(self.tabs)
                self.set_tab(order[(order.index(self.tab) + 1) % len(order)])
            elif k == pygame.K_o and self.worker is not None:
                from game.ui.scenes.odds import OddsScene

                self.app.go(OddsScene(self.app, self.session, self.session.current, back=self, during_play=True))
            elif k in (pygame.K_PAGEDOWN, pygame.K_PAGEUP, pygame.K_HOME, pygame.K_END):
                # PgUp/PgDn scroll the briefing; with Shift, the panel on the right (intelligence or map)
                side = event.mod & pygame.KMOD_SHIFT
                if self.views[self.tab if side else "briefing"].handle_key(k):
                    self.dirty()
            elif k in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET):
                # [ and ] scroll the escalation panel, which can overflow with many drivers or large text
                page = pygame.K_PAGEUP if k == pygame.K_LEFTBRACKET else pygame.K_PAGEDOWN
                if self.views["escalation"].handle_key(page):
                    self.dirty()
        elif t == pygame.MOUSEWHEEL:
            pos = self.app.pointer()
            for v in (self.views["briefing"], self.options, self.views["escalation"], self.views[self.tab]):
                if v.handle_wheel(event, pos):
                    self.dirty()
                    break
        elif extras.handle_pointer(self.app, self, event, self._spoken):
            return
        elif t == pygame.MOUSEMOTION:
            for b in (self.decide, self.args_btn):
                if b is not None and b.hit(event.pos) != b.hot:
                    b.hot = not b.hot
                    self.dirty()
        elif t == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._click(event.pos)

    def _click(self, pos) -> None:
        if self.decide.hit(pos):
            self.confirm()
            return
        if self.args_btn is not None and self.args_btn.hit(pos):
            self.toggle_arguments()
            return
        for name, b in self.tabs.items():
            if b.rect.collidepoint(pos):
                self.set_tab(name)
                return
        i = self.options.card_at(pos)
        if i is not None and i != self.selected:  # deciding takes the Decide button or Enter: no accidental war
            self.select(i)

    def toggle_arguments(self) -> None:
        self.show_arguments = not self.show_arguments
        self.layout(self.app.size)
        self.dirty()

    def _spoken(self) -> str:
        """What 'read aloud' reads here: the title, the briefing and every option."""
        opts = " ".join(f"Option {c.number}. {c.text}." for c in self.choices)
        intel = " ".join(self.view.intel)
        drivers = " ".join(b.text for b in self.views["escalation"].blocks if getattr(b, "bullet", ""))
        return f"{self.node.title}. {self.view.text} {opts} {intel} {drivers}"

    # drawing ------------------------------------------------------------------
    def draw(self, surface):
        calendar.draw_strip(surface, self.calendar, self.tf, self.days, self._today())
        tf = self.tf
        self.head.draw(surface)
        self.views["briefing"].draw(surface)
        self.options.draw(surface)
        self.views["escalation"].draw(surface)
        for name, b in self.tabs.items():
            b.draw(surface, tf, focused=name == self.tab)
        self.views[self.tab].draw(surface)
        self.foot.draw(surface)
        self.decide.draw(surface, tf, focused=self.selected is not None)
        self.menu_btn.draw(surface, tf, role="small")
        if self.args_btn is not None:
            self.args_btn.draw(surface, tf, role="small")

    def _today(self):
        from game.scenario.compiled import datetime_of

        return datetime_of(self.session.state.clock).date()

    def text_checks(self):
        checks = [self.head.check(), self.foot.check(), view_check(self.options)]
        checks += [view_check(v) for v in self.views.values()]
        return checks
