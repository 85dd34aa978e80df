// ExComm's facilitator page (/facilitator#key=...): the projector's view, the teams' screens, the tally, the
// seats, and a button for each of the facilitator's actions. The key stays in the URL fragment and goes to the
// server over the socket; only the report's links, once the crisis is over, carry it in a request (the server
// keeps no access log). Helpers come from student.js.
"use strict";

(function () {
  function facilitator() {
    const X = window.ExComm;
    const { el, clear, setText, show } = X;
    X.setupPrefs();
    const announce = X.announcer(document.getElementById("live"));
    const notice = document.getElementById("notice");
    const key = new URLSearchParams(window.location.hash.replace(/^#/, "")).get("key") || "";
    let last = null;
    const countTo = X.countdown(); // the projector's timer between frames
    window.addEventListener("hashchange", () => window.location.reload()); // another key pasted in: start again

    if (!key) {
      show("nokey", true);
      return;
    }

    function say(text) {
      notice.textContent = text || "";
      notice.hidden = !text;
    }

    const link = new X.Link({
      onOpen() {
        link.send({ type: "host", key: key });
      },
      onMessage(msg) {
        if (msg.type === "host_state") render(msg);
        else if (msg.type === "welcome") show("desk", true);
        else if (msg.type === "error") {
          say(X.plainError(msg));
          if (msg.code === "bad_token" || msg.code === "not_allowed") announce(X.plainError(msg));
        }
      },
      onStatus(what, delay) {
        const line = document.getElementById("connection");
        line.hidden = what === "open";
        line.textContent =
          what === "waiting"
            ? `Connection to the game lost. Trying again in ${Math.max(1, Math.round(delay / 1000))} s…`
            : "Connecting to the game…";
      },
    });

    function act(action, arg, to) {
      say("");
      const message = { type: "act", action: action };
      if (arg) message.arg = String(arg);
      if (to) message.to = String(to);
      if (!link.send(message)) say("Not connected to the game: wait for the connection to come back.");
    }

    // A click that asks first: when `question()` gives a question, the button says it and acts only on a second
    // click within 4 s (the question gone, the button says its label again).
    function confirming(button, question, run) {
      const label = button.textContent;
      let asked = null;
      button.addEventListener("click", () => {
        const ask = question();
        if (ask && !asked) {
          button.textContent = ask;
          asked = window.setTimeout(() => {
            button.textContent = label;
            asked = null;
          }, 4000);
          return;
        }
        window.clearTimeout(asked);
        asked = null;
        button.textContent = label;
        run();
      });
    }
    for (const button of document.querySelectorAll("button[data-act]")) {
      confirming(button, () => button.dataset.confirm || "", () => act(button.dataset.act, button.dataset.arg || ""));
    }
    const value = (id) => document.getElementById(id).value;
    document.getElementById("decide-as").addEventListener("click", () => value("decide-option") &&
      act("decide", value("decide-option")));
    let sides = []; // [id, name] of the lesson's teams, from the last state
    // one team's view on the big screen shows its secrets to the whole room: with two teams, asked first
    confirming(document.getElementById("show"), () => {
      const team = sides.find(([id]) => id === value("show-what"));
      return team && sides.length > 1 ? `Click again: the whole room will see the ${team[1]} team's secrets` : "";
    }, () => act("show", value("show-what")));
    document.getElementById("inject").addEventListener("click", () => value("inject-what") &&
      act("inject", value("inject-what")));
    document.getElementById("reveal").addEventListener("click", () => value("reveal-what") &&
      act("reveal", value("reveal-what"), value("reveal-to")));
    document.getElementById("speak").addEventListener("click", () => value("speak-who") &&
      act("speak", value("speak-who")));

    // The step the lesson is at decides which buttons make sense; the server refuses the rest anyway.
    const STEP = { brief: "discuss", discuss: "vote", vote: "decide", result: "next" };
    function buttons(msg) {
      const deciding = !!msg.class_decides && !msg.ended;
      const running = msg.phase === "discuss" || msg.phase === "vote";
      const can = {
        discuss: deciding && msg.phase === "brief",
        vote: deciding && msg.phase === "discuss",
        decide: deciding && running && !!msg.proposal,
        timeout: deciding && running,
        next: msg.phase === "result",
        pause: running && !(msg.projector || {}).paused,
        resume: running && !!(msg.projector || {}).paused,
        extend: running,
        cut: running,
      };
      for (const button of document.querySelectorAll("button[data-act]")) {
        const action = button.dataset.act;
        if (action in can) button.disabled = !can[action];
        button.classList.toggle("primary", STEP[msg.phase] === action && !button.disabled);
      }
      document.getElementById("decide-as").disabled = !(deciding && running);
    }


    // a <select>'s options, kept (with the choice made) when the list has not changed
    function fill(id, items) {
      const select = document.getElementById(id);
      const wanted = items.map(([v, t]) => `${v}\u0000${t}`).join("\u0001");
      if (select.dataset.items === wanted) return;
      const chosen = select.value;
      clear(select);
      for (const [v, t] of items) select.append(el("option", { value: v, text: t }));
      if (items.some(([v]) => v === chosen)) select.value = chosen;
      select.dataset.items = wanted;
    }

    // [id, title, ...] rows or {id, title} objects, as the server sends them
    function pairs(rows) {
      return (rows || []).map((row) => (Array.isArray(row) ? [String(row[0]), String(row[1] || row[0])]
        : [String(row.id), String(row.title || row.id)]));
    }

    function optionsOf(msg) {
      const screens = [msg.projector || {}, ...Object.values(msg.teams || {})];
      for (const screen of screens) if ((screen.options || []).length) return screen.options;
      return [];
    }

    function render(msg) {
      const before = last;
      last = msg;
      show("desk", true);
      setText("room-code", msg.room);
      setText("join-url", msg.url);
      const seats = msg.seats || [];
      const taken = seats.filter((s) => s.taken).length;
      setText("joined", `${taken} student${taken === 1 ? "" : "s"} joined`);
      screen(msg.projector || {});
      const onlyYou = clear(document.getElementById("only-you"));
      for (const line of msg.only_you || []) onlyYou.append(el("li", { text: line }));
      show("only-you-box", (msg.only_you || []).length > 0);
      tally(msg);
      roster(seats);
      teams(msg.teams || {});
      const people = (msg.people || []).map((p) => [p.id, p.name]);
      sides = people.length ? people : Object.keys(msg.teams || {}).map((s) => [s, s]);
      fill("show-what", [["projector", "The projector (public view)"], ["blank", "Blank"],
        ...sides.map(([id, name]) => [id, `${name}'s team view`])]);
      fill("decide-option", optionsOf(msg).filter((o) => o.available).map((o) => [o.id, `${o.number}. ${o.text}`]));
      fill("inject-what", pairs(msg.injectable));
      fill("reveal-what", pairs(msg.revealable));
      fill("reveal-to", [["all", "Everyone"], ...sides.map(([id, name]) => [id, `The ${name} team`])]);
      fill("speak-who", (msg.speakers || []).map((r) => [r.id, r.name]));
      buttons(msg);
      if (msg.projector_key) {  // the projector's own key: its link, read off the big screen, opens no controls
        document.getElementById("projector-link").href = `/projector#key=${encodeURIComponent(msg.projector_key)}`;
      }
      show("report-box", !!msg.ended);
      if (msg.ended) {
        const k = encodeURIComponent(key);
        document.getElementById("report-html").href = `/report.html?key=${k}`;
        document.getElementById("report-a4").href = `/report.pdf?paper=a4&key=${k}`;
        document.getElementById("report-letter").href = `/report.pdf?paper=letter&key=${k}`;
      }
      setText("screen-now", msg.screen === "projector" ? "The projector shows the public view." : msg.screen ===
        "blank" ? "The projector is blank." : `The projector shows ${(people.find((p) => p[0] === msg.screen) ||
        [0, msg.screen])[1]}'s team view.`);
      const problem = setText("save-error", msg.save_error ? `Not saved: ${msg.save_error}` : "");
      problem.hidden = !msg.save_error;
      const p = msg.projector || {};
      const was = (before && before.projector) || {};
      if (!before || was.phase !== p.phase || was.title !== p.title) announce(`${p.phase_label || ""}: ${p.title || ""}`);
    }

    function screen(p) {
      setText("projector-h", p.kind === "blank" ? "The projector is blank" : `${p.heading || "The projector"}${
        p.title ? ": " + p.title : ""}`);
      countTo(X.drawScreen(p));
    }

    function tally(msg) {
      const body = clear(document.getElementById("tally"));
      const options = optionsOf(msg);
      const total = options.reduce((n, o) => n + (o.votes || 0), 0);
      for (const o of options) {
        const meter = el("meter", { min: 0, max: Math.max(1, total), value: o.votes || 0,
          "aria-label": `${o.votes || 0} of ${total}` });
        body.append(el("tr", { class: "tally-row", "data-option": o.id }, el("td", { text: `${o.number}. ${o.text}` }),
          el("td", {}, meter, " ", el("span", { class: "count", text: String(o.votes || 0) }))));
      }
      if (!options.length) body.append(el("tr", {}, el("td", { colspan: 2, class: "muted", text: "No vote now." })));
      const texts = Object.fromEntries(options.map((o) => [o.id, o.text]));
      const voters = Object.entries(msg.votes || {});
      // a voter by the name typed and the role voted as ("Ana (John F. Kennedy)"), never the role's id
      const names = Object.fromEntries((msg.seats || []).filter((s) => s.taken).map((s) => [s.voter,
        (s.role_names || []).length ? `${s.name} (${s.role_names[0]})` : s.name]));
      const lines = voters.map(([who, option]) => `${names[who] || who}: ${texts[option] || option}`);
      X.list(document.getElementById("voters"), lines.length ? lines : ["Nobody yet."]);
    }

    // The seats taken, each with its controls; the free ones folded below (the move list offers them).
    let seatsShown = ""; // the seats as last drawn: redrawn only when they change (a vote elsewhere keeps a
    // Move list's choice and a Free button's "click again")
    function roster(seats) {
      const drawn = JSON.stringify(seats);
      if (drawn === seatsShown) return;
      seatsShown = drawn;
      const body = clear(document.getElementById("roster"));
      const free = seats.filter((s) => !s.taken);
      const roleOf = (seat) => [(seat.role_names || []).join(" + "), seat.side_name || ""].filter(Boolean).join(" · ");
      for (const seat of seats.filter((s) => s.taken)) {
        const move = el("select", { "aria-label": `Move ${seat.name || seat.slot} to another seat` });
        for (const other of free) move.append(el("option", { value: other.slot, text: `${other.slot}: ${roleOf(other)}` }));
        const go = el("button", { type: "button", text: "Move", disabled: !free.length });
        go.addEventListener("click", () => move.value && act("move", seat.slot, move.value));
        const release = el("button", { type: "button", class: "danger", text: "Free",
          "aria-label": `Free ${seat.slot} (${seat.name || "nobody"})` });
        release.addEventListener("click", () => { // a second click within 4 s frees the seat: its vote goes too
          if (release.dataset.asked) {
            act("free", seat.slot);
            return;
          }
          release.dataset.asked = "1";
          release.textContent = "Click again to free";
          window.setTimeout(() => {
            delete release.dataset.asked;
            release.textContent = "Free";
          }, 4000);
        });
        // the same name in two seats: one student on two devices, or two students to tell apart
        const twin = seats.find((s) => s.taken && s.slot !== seat.slot && s.name && s.name === seat.name);
        const who = `${seat.name || "?"}${seat.online ? "" : " (offline)"}${twin ? ` — same name as ${twin.slot}` : ""}`;
        body.append(el("tr", {}, el("td", { class: "nowrap", text: seat.slot }), el("td", { text: who }),
          el("td", { text: roleOf(seat) }), el("td", {}, el("div", { class: "actions" }, move, go, release))));
      }
      if (!seats.some((s) => s.taken)) {
        body.append(el("tr", {}, el("td", { colspan: 4, class: "muted", text: "Nobody has joined yet." })));
      }
      setText("free-count", `${free.length} free seat${free.length === 1 ? "" : "s"}, in the order students take them`);
      X.list(document.getElementById("free-seats"), free.map((s) => `${s.slot}: ${roleOf(s)}`));
    }

    const opened = new Set(); // the teams' screens the facilitator has unfolded stay so across updates
    function teams(byside) {
      const box = clear(document.getElementById("teams"));
      for (const [side, s] of Object.entries(byside)) {
        const details = el("details", {}, el("summary", { text: s.heading || side }));
        details.open = opened.has(side);
        details.addEventListener("toggle", () => (details.open ? opened.add(side) : opened.delete(side)));
        details.append(el("p", { class: "kicker", text: `${s.when_text || ""} · ${s.phase_label || ""}` }));
        details.append(el("h3", { text: s.title || "" }));
        const text = el("div", { class: "prose" });
        X.paragraphs(text, s.text);
        details.append(text);
        if ((s.options || []).length) {
          const ul = el("ul");
          for (const o of s.options) ul.append(el("li", { text: `${o.number}. ${o.text} — ${o.votes || 0}` }));
          details.append(el("h3", { text: "Options" }), ul);
        }
        if ((s.intel || []).length) {
          const ul = el("ul");
          X.list(ul, s.intel);
          details.append(el("h3", { text: s.intel_title || "Intelligence" }), ul);
        }
        if ((s.secrets || []).length) {
          const div = el("div");
          X.secretsInto(div, s.secrets);
          details.append(el("h3", { text: "Secrets" }), div);
        }
        const said = X.spokenLines(s.arguments);
        if (said.length) {
          const ul = el("ul");
          X.list(ul, said);
          details.append(el("h3", { text: "Put to the council" }), ul);
        }
        if (s.result) details.append(el("p", { class: "result", text: s.result }));
        for (const note of s.result_notes || []) if (note) details.append(el("p", { text: note }));
        if ((s.news || []).length) { // what this team was told, the parts of an incident kept to it included
          const ul = el("ul", { class: "team-news" });
          X.list(ul, s.news);
          details.append(el("h3", { text: "News, as this team heard it" }), ul);
        }
        box.append(details);
      }
    }

    link.connect();
  }

  if (document.documentElement.dataset.page === "facilitator") {
    document.addEventListener("DOMContentLoaded", facilitator);
  }
})();
