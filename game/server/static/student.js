// ExComm's student page (and the helpers the facilitator's page shares): join with the room code, then the
// role card, the team's screen, the vote. The server is the only authority: this page shows what it is sent
// and sends what the person does; it never decides who may see what.
"use strict";

(function () {
  // ------------------------------------------------------------------ preferences (applied before first paint)
  const store = {
    get(key) {
      try {
        return window.localStorage.getItem(key);
      } catch (e) {
        return null; // storage refused (private mode): the page still works, it just forgets
      }
    },
    set(key, value) {
      try {
        window.localStorage.setItem(key, value);
      } catch (e) {
        /* as above */
      }
    },
    del(key) {
      try {
        window.localStorage.removeItem(key);
      } catch (e) {
        /* as above */
      }
    },
  };

  const root = document.documentElement;

  function applyPrefs() {
    const theme = store.get("excomm.theme");
    if (theme === "light" || theme === "dark") root.dataset.theme = theme;
    else delete root.dataset.theme;
    if (store.get("excomm.large") === "1") root.dataset.large = "1";
    else delete root.dataset.large;
  }
  applyPrefs();

  function isDark() {
    if (root.dataset.theme) return root.dataset.theme === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function setupPrefs() {
    const theme = document.getElementById("theme");
    const large = document.getElementById("large");
    const show = () => {
      theme.setAttribute("aria-pressed", String(isDark()));
      large.setAttribute("aria-pressed", String(root.dataset.large === "1"));
    };
    theme.addEventListener("click", () => {
      store.set("excomm.theme", isDark() ? "light" : "dark");
      applyPrefs();
      show();
    });
    large.addEventListener("click", () => {
      store.set("excomm.large", root.dataset.large === "1" ? "0" : "1");
      applyPrefs();
      show();
    });
    if (window.matchMedia) {
      const query = window.matchMedia("(prefers-color-scheme: dark)");
      if (query.addEventListener) query.addEventListener("change", show);
    }
    show();
  }

  // ------------------------------------------------------------------ DOM helpers (text only: never innerHTML)
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function setText(id, text) {
    const node = document.getElementById(id);
    node.textContent = text || "";
    return node;
  }

  function show(id, visible) {
    document.getElementById(id).hidden = !visible;
  }

  function paragraphs(node, text) {
    clear(node);
    for (const part of String(text || "").split(/\n\s*\n/)) {
      const line = part.replace(/\s+/g, " ").trim();
      if (line) node.append(el("p", { text: line }));
    }
  }

  // One item a line; an item of paragraphs (news: its title line, then what happened) keeps them together.
  function list(node, items) {
    clear(node);
    for (const item of items || []) {
      const [first, ...rest] = String(item).split(/\n\s*\n/);
      const li = el("li", {}, el("span", { class: rest.length ? "item-title" : "", text: first }));
      for (const part of rest) li.append(el("p", { class: "item-more", text: part }));
      node.append(li);
    }
    return (items || []).length;
  }

  // the screen's spoken arguments ({name, office, students, lines}) as one line each: "Name (Ana): the line"
  function spokenLines(roles) {
    const out = [];
    for (const r of roles || []) {
      const who = (r.students || []).length ? `${r.name} (${r.students.join(", ")})` : r.name;
      for (const line of r.lines || []) out.push(`${who}: ${line}`);
    }
    return out;
  }

  // A screen (the core's view of the lesson for one audience, as the server sends it) into a page's elements
  // named p-…: the facilitator's projector panel and the projector's page draw it alike. Returns when its timer
  // reaches zero on this page's clock (ms), or null when it is not running.
  function drawScreen(p) {
    setText("p-when", p.when_text);
    setText("p-phase", p.phase_label);
    const left = Number(p.timer_seconds_left);
    const open = p.phase === "discuss" || p.phase === "vote";
    const deadline = open && p.timer_running && Number.isFinite(left) && left > 0 ? Date.now() + left * 1000 : null;
    setText("p-timer", open ? (deadline ? clockText(left) : p.timer_text) : "");
    setText("p-note", open && p.paused ? "paused" : p.timer_note); // no "Debrief paused"
    setText("p-result-text", p.result);
    const notes = clear(document.getElementById("p-result-notes"));
    for (const note of p.result_notes || []) if (note) notes.append(el("p", { text: note }));
    show("p-result", !!p.result);
    paragraphs(document.getElementById("p-text"), p.text);
    const intel = document.getElementById("p-intel-h");
    intel.textContent = p.intel_title || "";
    intel.hidden = !(p.intel || []).length;
    list(document.getElementById("p-intel"), p.intel);
    secretsInto(document.getElementById("p-secrets"), p.secrets);
    show("p-said-box", list(document.getElementById("p-said"), spokenLines(p.arguments)) > 0);
    show("p-news-box", list(document.getElementById("p-news"), p.news) > 0);
    setText("p-risk", [p.risk_text, p.defcon_text].filter(Boolean).join(" · "));
    return deadline;
  }

  // The p-timer of a drawn screen counting down between the server's frames: call the result with the moment
  // drawScreen returns (or null to stop).
  function countdown() {
    let deadline = null;
    window.setInterval(() => {
      if (deadline === null) return;
      const left = (deadline - Date.now()) / 1000;
      setText("p-timer", clockText(left));
      if (left <= 0) deadline = null;
    }, 250);
    return (when) => {
      deadline = when;
    };
  }

  // secrets arrive as [title, text] pairs (or {title, text}); either way, a title and its text
  function secretParts(secret) {
    if (Array.isArray(secret)) return [secret[0] || "", secret[1] || ""];
    if (secret && typeof secret === "object") return [secret.title || "", secret.text || ""];
    return ["", String(secret || "")];
  }

  function secretsInto(node, secrets) {
    clear(node);
    for (const secret of secrets || []) {
      const [title, text] = secretParts(secret);
      node.append(el("div", { class: "secret" }, el("strong", { text: title }), el("span", { text: text })));
    }
    return (secrets || []).length;
  }

  function clockText(seconds) {
    const whole = Math.max(0, Math.ceil(seconds - 0.001));
    const s = whole % 60;
    return `${Math.floor(whole / 60)}:${s < 10 ? "0" : ""}${s}`;
  }

  // ------------------------------------------------------------------ the socket: reconnects with backoff
  // One WebSocket to /ws. When it drops (Wi-Fi, a sleeping phone, a restarted server) it tries again after
  // 0.5 s, 1 s, 2 s ... up to 15 s (with jitter, so thirty phones do not knock at once); waking the page or the
  // network coming back tries at once. `onOpen` says who we are again (resume or host) on every connection.
  class Link {
    constructor(handlers) {
      this.handlers = handlers;
      this.ws = null;
      this.want = false;
      this.attempts = 0;
      this.retry = null;
      this.pinger = null;
      this.lastSeen = 0;
      const wake = () => this.wake();
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") wake();
      });
      window.addEventListener("online", wake);
      window.addEventListener("pageshow", wake);
    }

    get open() {
      return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
    }

    connect() {
      this.want = true;
      if (this.ws && (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)) return;
      window.clearTimeout(this.retry);
      this.retry = null;
      const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
      let ws;
      try {
        ws = new WebSocket(scheme + window.location.host + "/ws");
      } catch (e) {
        this.later();
        return;
      }
      this.ws = ws;
      this.status("connecting");
      ws.addEventListener("open", () => {
        if (this.ws !== ws) return;
        this.attempts = 0;
        this.lastSeen = Date.now();
        this.status("open");
        window.clearInterval(this.pinger);
        this.pinger = window.setInterval(() => this.beat(), 20000);
        this.handlers.onOpen();
      });
      ws.addEventListener("message", (event) => {
        if (this.ws !== ws) return;
        this.lastSeen = Date.now();
        let msg;
        try {
          msg = JSON.parse(event.data);
        } catch (e) {
          return; // the server only sends JSON; anything else is not ours to show
        }
        if (msg && typeof msg.type === "string") this.handlers.onMessage(msg);
      });
      ws.addEventListener("close", () => {
        if (this.ws !== ws) return;
        this.ws = null;
        window.clearInterval(this.pinger);
        if (this.want) this.later();
        else this.status("closed");
      });
    }

    later() {
      const delay = Math.min(15000, 500 * 2 ** this.attempts) * (0.6 + 0.4 * Math.random());
      this.attempts = Math.min(this.attempts + 1, 10);
      window.clearTimeout(this.retry);
      this.retry = window.setTimeout(() => this.connect(), delay);
      this.status("waiting", delay); // last: the page may decide to stop() here
    }

    wake() {
      if (!this.want || this.open) return;
      if (this.ws && this.ws.readyState === WebSocket.CONNECTING) return;
      this.attempts = 0;
      this.connect();
    }

    beat() {
      if (!this.open) return;
      if (Date.now() - this.lastSeen > 50000) {
        this.ws.close(); // nothing heard for too long: the network is gone though the socket has not noticed
        return;
      }
      this.send({ type: "ping" });
    }

    send(message) {
      if (!this.open) return false;
      this.ws.send(JSON.stringify(message));
      return true;
    }

    stop() {
      this.want = false;
      window.clearTimeout(this.retry);
      window.clearInterval(this.pinger);
      if (this.ws) this.ws.close();
      this.ws = null;
    }

    status(what, delay) {
      if (this.handlers.onStatus) this.handlers.onStatus(what, delay, this.attempts);
    }
  }

  // What a person reads when the server refuses something and sends no message of its own.
  const PLAIN = {
    bad_room: "There is no lesson with that room code. Check the code on the projector and try again.",
    bad_token: "Your place in the lesson has ended. Join again with the room code.",
    closed: "Voting on this decision is closed.",
    not_allowed: "That is not something this page can do.",
    bad_message: "The server did not understand the page. Reload the page and try again.",
    too_big: "That message was too long.",
    rate: "Slow down a little: too many taps at once.",
    full: "The lesson is full: ask the teacher to free a place.",
    busy: "The server is busy. Wait a moment and try again.",
  };

  // The server's own words when it sends them (they say what to do), as a sentence.
  function plainError(msg) {
    const text = typeof msg.message === "string" && msg.message.trim() ? msg.message.trim() : "";
    if (!text) return PLAIN[msg.code] || "Something went wrong. Try again.";
    return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? "" : ".");
  }

  // A polite live region: each announcement is a new line (only additions are read out).
  function announcer(node) {
    return function announce(text) {
      if (!text) return;
      node.append(el("p", { text: text }));
      while (node.childNodes.length > 6) node.removeChild(node.firstChild);
    };
  }

  window.ExComm = { store, el, clear, setText, show, paragraphs, list, secretsInto, spokenLines, drawScreen,
    countdown, clockText, Link, plainError, announcer, setupPrefs };

  // ------------------------------------------------------------------ the student's page
  const BRIEF = [
    ["portrait", "Who you are"],
    ["wants", "What you want"],
    ["fears", "What you fear"],
    ["argued", "What you argued in 1962"],
    ["knows", "What only you know"],
    ["brief", "Your brief"],
    ["goal", "Your goal"],
    ["invented", "The game's invention on this card"],
  ];
  const NOT_BRIEF = new Set(["id", "name", "office", "side", "side_name", "arguments", "sources", "team", "decides",
    "priority", "speaks_for"]);

  function student() {
    setupPrefs();
    const announce = announcer(document.getElementById("live"));
    const notice = document.getElementById("notice");
    const form = document.getElementById("join-form");
    const roomInput = document.getElementById("room");
    const nameInput = document.getElementById("name");
    const leave = document.getElementById("leave");
    const unvote = document.getElementById("unvote");
    let token = store.get("excomm.token");
    let pendingJoin = null;
    let seat = null;
    let last = null; // the last state shown
    let deadline = null; // when the timer reaches zero, on this page's clock (ms)
    let leaving = null; // the first tap on Leave asks again (a timer until the question lapses)
    let left = false;
    let resumed = false; // this connection came back to a seat (rather than taking a new one) // Leave was confirmed: the server's 'bye' then means this seat is free

    const params = new URLSearchParams(window.location.search);
    const fromUrl = (params.get("room") || "").trim().toUpperCase().slice(0, 8);
    // a code typed on this device is offered again within the lesson's day, not at next week's lesson
    const typedAt = Number(store.get("excomm.room.at")) || 0;
    const recent = Date.now() - typedAt < 6 * 3600 * 1000;
    roomInput.value = fromUrl || (recent ? store.get("excomm.room") : "") || "";
    nameInput.value = store.get("excomm.name") || "";

    function say(text) {
      notice.textContent = text || "";
      notice.hidden = !text;
    }

    function joinError(text) {
      const node = setText("join-error", text);
      node.hidden = !text;
    }

    const link = new Link({
      onOpen() {
        resumed = !!token;
        if (token) link.send({ type: "resume", token: token });
        else if (pendingJoin) link.send({ type: "join", room: pendingJoin.room, name: pendingJoin.name });
      },
      onMessage: receive,
      onStatus(what, delay) {
        const line = document.getElementById("connection");
        const joined = !!token;
        if (what === "waiting" && last && last.team && last.team.ended) {
          link.stop(); // the lesson is over and its server gone: nothing to come back to
          line.hidden = false;
          line.textContent = "The lesson is over and its server has closed.";
          return;
        }
        if (what === "open" || !joined) {
          line.hidden = true;
          return;
        }
        line.hidden = false;
        line.textContent =
          what === "waiting"
            ? `Connection lost. Trying again in ${Math.max(1, Math.round(delay / 1000))} s…`
            : "Connecting to the lesson…";
      },
    });

    function showJoin(message) {
      show("join", true);
      show("lesson", false);
      leave.hidden = true;
      joinError(message || "");
      document.title = "ExComm — join the lesson";
      (roomInput.value ? nameInput : roomInput).focus();
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const room = roomInput.value.replace(/\s+/g, "").toUpperCase();
      const name = nameInput.value.replace(/\s+/g, " ").trim();
      if (!room) {
        joinError("Type the room code shown on the projector.");
        roomInput.focus();
        return;
      }
      if (!name) {
        joinError("Type your name, so the class knows who holds the role.");
        nameInput.focus();
        return;
      }
      joinError("");
      say("");
      store.set("excomm.room", room);
      store.set("excomm.room.at", String(Date.now()));
      store.set("excomm.name", name);
      pendingJoin = { room: room, name: name };
      if (!link.send({ type: "join", room: room, name: name })) link.connect();
    });

    leave.addEventListener("click", () => {
      if (!leaving) {
        leave.textContent = "Tap again to leave";
        leaving = window.setTimeout(() => {
          leave.textContent = "Leave";
          leaving = null;
        }, 4000);
        return;
      }
      window.clearTimeout(leaving);
      leaving = null;
      leave.textContent = "Leave";
      left = true;
      if (!link.send({ type: "leave" })) forget("You could not be signed out now: ask the teacher to free your seat.");
    });

    unvote.addEventListener("click", () => {
      if (last) link.send({ type: "unvote", at: last.at });
    });

    // The facilitator moved this student to another seat (the token followed): say so, and open the new brief.
    function moved(role) {
      const side = role && role.side_name ? ` for ${role.side_name}` : "";
      const who = role ? `${role.name}${role.office ? ", " + role.office : ""}${side}` : "another role";
      setText(
        "moved-text",
        `The facilitator moved you to another seat: you now play ${who}. Your new brief is open below. ` +
          "A vote this seat cast before you took it stays with the role: vote again to make it yours.",
      );
      show("moved", true);
      document.getElementById("moved").scrollIntoView({ block: "start" }); // wherever the student had scrolled
      document.getElementById("role-more").open = true;
      announce(`You have a new role: ${who}.`);
    }

    document.getElementById("moved-ok").addEventListener("click", () => show("moved", false));

    function forget(message) {
      store.del("excomm.slot");
      show("moved", false);
      token = null;
      seat = null;
      last = null;
      deadline = null;
      store.del("excomm.token");
      link.stop();
      showJoin("");
      say(message || "");
    }

    function receive(msg) {
      if (msg.type === "welcome") {
        const first = !token || !seat;
        token = msg.token || token;
        if (token) store.set("excomm.token", token);
        seat = msg.seat || seat;
        if (!resumed && seat && seat.slot) store.set("excomm.slot", seat.slot); // a new seat is nobody's move
        pendingJoin = null;
        show("join", false);
        show("lesson", true);
        leave.hidden = false;
        say("");
        document.getElementById("connection").hidden = true;
        if (seat && seat.role) card(seat.role);
        if (first) {
          // a new seat opens the brief to read; a page coming back to its seat leaves it as the student had it
          if (!resumed) document.getElementById("role-more").open = true;
          announce(seat && seat.role ? `You are ${seat.role.name}, ${seat.role.office || ""}.` : "You have joined.");
          document.getElementById("card-h").setAttribute("tabindex", "-1");
          document.getElementById("card-h").focus();
        }
      } else if (msg.type === "state") {
        render(msg);
      } else if (msg.type === "error") {
        const text = plainError(msg);
        if (msg.code === "bad_token") {
          forget("");
          joinError(text);
        } else if (!token && ["bad_room", "full", "busy", "bad_message", "rate", "closed"].includes(msg.code)) {
          pendingJoin = null;
          joinError(text);
        } else {
          say(text);
          if (msg.code === "closed") announce(text);
        }
      } else if (msg.type === "bye" && left) {
        left = false;
        forget("You have left the lesson. Your role is free for someone else.");
      }
      // any other 'bye' is the server going away (a restart, the laptop closing): keep the seat and reconnect
    }

    // A role's brief as a definition list: the known parts in their order, then any other text it carries.
    function briefInto(dl, role) {
      clear(dl);
      const done = new Set();
      const add = (key, label) => {
        done.add(key);
        const value = role[key];
        if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
        dl.append(el("dt", { text: label }));
        if (Array.isArray(value)) {
          const ul = el("ul");
          for (const item of value) ul.append(el("li", { text: String(item) }));
          dl.append(el("dd", {}, ul));
        } else {
          dl.append(el("dd", { text: String(value) }));
        }
      };
      for (const [key, label] of BRIEF) add(key, label);
      for (const [key, value] of Object.entries(role)) {
        if (done.has(key) || NOT_BRIEF.has(key) || typeof value !== "string") continue;
        add(key, key.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()));
      }
    }

    let alsoShown = ""; // the other cards as last drawn: redrawn only when they change, so an open brief stays open
    function card(role) {
      setText("role-name", role.name);
      setText("role-office", role.office);
      setText("role-side", role.side_name ? `Team: ${role.side_name}` : "");
      setText("seat", seat ? `${seat.name || ""}${seat.slot ? " · " + seat.slot : ""}` : "");
      show("leader", !!role.leader);
      // each other card the student holds (a small class: one plays several) with its own brief to open
      const also = role.also || [];
      const drawn = JSON.stringify(also);
      if (drawn !== alsoShown) {
        alsoShown = drawn;
        const ul = clear(document.getElementById("also"));
        for (const other of also) {
          const dl = el("dl", { class: "also-brief" });
          briefInto(dl, other);
          ul.append(el("li", {}, el("details", {}, el("summary", { text: `${other.name}, ${other.office}` }), dl)));
        }
      }
      show("also-box", also.length > 0);
      briefInto(document.getElementById("role-brief"), role);
    }

    // The team's secrets, folded once read: open when they first come and whenever one is added (a reveal),
    // closed by the student, and kept as the student left them while they stay the same.
    let secretsShown = "";
    function secretsBox(secrets) {
      const box = document.getElementById("secrets-box");
      const drawn = JSON.stringify(secrets);
      if (drawn !== secretsShown) {
        const before = secretsShown ? JSON.parse(secretsShown).length : 0;
        secretsShown = drawn;
        secretsInto(document.getElementById("secrets"), secrets);
        if (secrets.length > before) box.open = true;
      }
      setText("secrets-count", secrets.length ? `(${secrets.length})` : "");
      show("secrets-box", secrets.length > 0);
    }

    function closedReason(team, msg) {
      if (team.ended) return "The crisis is over.";
      if (team.phase === "result") return "This decision has been taken: see what happened below.";
      if (team.private || !(team.options || []).length) {
        return `${team.deciding || "The other side"} is deciding. While you wait, read your brief and your team's secrets.`;
      }
      // a pause stops the clock, not the vote: a tap while paused counts, and the page says so
      if (team.paused && msg.voting) return "The timer is paused: you can still vote or change your vote.";
      if (team.paused) return "The lesson is paused.";
      if (!msg.voting) return "Voting is not open yet: the facilitator opens it.";
      return "";
    }

    // One button an option. The buttons are kept while the decision's options stay the same (only their state
    // changes), so a tap never lands on a button that was just replaced and focus stays where it was.
    function options(team, msg) {
      const ul = document.getElementById("options");
      const list = team.options || [];
      const key = `${msg.at}|` + list.map((o) => `${o.id}\u0000${o.text}`).join("|");
      if (ul.dataset.key !== key) {
        clear(ul);
        ul.dataset.key = key;
        for (const option of list) {
          const button = el(
            "button",
            { type: "button", class: "option", "data-option": option.id, "aria-pressed": "false" },
            el("span", { class: "num", text: String(option.number) }),
            el("span", { class: "text", text: option.text }),
            el("span", { class: "count" }),
          );
          button.addEventListener("click", () => {
            if (!last || button.getAttribute("aria-pressed") === "true") return;
            say("");
            if (!link.send({ type: "vote", at: last.at, option: option.id })) {
              say("Not connected: your vote was not sent. Tap again when the connection is back.");
            }
          });
          const reason = el("p", { class: "option-reason", id: `why-${option.number}` });
          ul.append(el("li", {}, button, reason));
        }
      }
      list.forEach((option, i) => {
        const li = ul.children[i];
        const button = li.querySelector("button");
        const reason = li.querySelector(".option-reason");
        button.setAttribute("aria-pressed", String(msg.my_vote === option.id));
        button.disabled = !msg.voting || !option.available;
        const count = option.votes ? `${option.votes} vote${option.votes === 1 ? "" : "s"}` : "";
        button.querySelector(".count").textContent = count;
        const why = !option.available && option.reason ? option.reason : "";
        reason.textContent = why;
        reason.hidden = !why;
        if (why) button.setAttribute("aria-describedby", reason.id);
        else button.removeAttribute("aria-describedby");
      });
      const reason = closedReason(team, msg);
      const closed = setText("vote-closed", reason);
      closed.hidden = !reason;
      unvote.hidden = !(msg.voting && msg.my_vote);
      const jump = document.getElementById("jump-vote");
      const due = !!msg.voting && !msg.my_vote;
      jump.classList.toggle("open", due);
      jump.textContent = due ? "Vote now" : "Vote";
    }

    function render(msg) {
      const team = msg.team || {};
      const role = msg.role || (seat && seat.role) || null;
      const before = last;
      last = msg;
      if (msg.seat && seat) seat = Object.assign({}, seat, { slot: msg.seat.slot, name: msg.seat.name });
      // kept on the device, so a move made while the phone slept is told when the page comes back
      const slot = msg.seat ? msg.seat.slot : "";
      const wasAt = store.get("excomm.slot");
      if (slot && wasAt && wasAt !== slot) moved(role);
      if (slot) store.set("excomm.slot", slot);
      if (role) card(role);
      document.title = `ExComm — ${role ? role.name : "your role"}`;
      setText("when", team.when_text);
      setText("decision-h", team.title || team.heading || "The decision");
      setText("deciding", team.heading || "");
      setText("phase", team.phase_label || "");
      // once the crisis is over its text is how it ended: told at the top, in the ending's own panel
      paragraphs(document.getElementById("briefing"), team.ended ? "" : team.text);
      setText("intel-h", team.intel_title || "What your team knows");
      show("intel-box", list(document.getElementById("intel"), team.intel) > 0);
      secretsBox(team.secrets || []);
      options(team, msg);
      // the role's own lines, then those of a second card the student holds (few students: one plays two)
      const args = [...((role && role.arguments) || [])];
      for (const other of (role && role.also) || []) {
        const as = other.name.replace(/^The /, "the "); // "As the Joint Chiefs of Staff", mid-sentence
        for (const line of other.arguments || []) args.push(`As ${as}: ${line}`);
      }
      show("args", list(document.getElementById("arguments"), args) > 0);
      // the arguments the facilitator has put on the screen (a role's, as its student speaks; or all of them)
      show("said", list(document.getElementById("said-list"), spokenLines(team.arguments)) > 0);
      setText("result-text", team.result);
      const notes = clear(document.getElementById("result-notes"));
      for (const note of team.result_notes || []) if (note) notes.append(el("p", { text: note }));
      show("result", !!team.result);
      show("news-box", list(document.getElementById("news"), team.news) > 0);
      show("ending", !!team.ended);
      setText("ending-title", team.ended ? team.title : "");
      paragraphs(document.getElementById("ending-text"), team.ended ? team.text : "");
      setText("ending-risk", team.ended ? team.risk_text : "");
      show("vote", !team.ended); // nothing is left to vote on
      document.getElementById("jump-vote").hidden = !!team.ended;
      setText("footer", [team.risk_text, team.defcon_text].filter(Boolean).join(" · "));
      timer(team);
      tell(before, msg);
    }

    function timer(team) {
      const open = team.phase === "discuss" || team.phase === "vote";
      const running = open && !team.paused && team.timer_running !== false;
      const left = Number(team.timer_seconds_left);
      show("timer-box", open);
      deadline = running && Number.isFinite(left) && left > 0 ? Date.now() + left * 1000 : null;
      const node = document.getElementById("timer");
      node.classList.toggle("running", !!deadline);
      node.classList.toggle("up", running && !deadline);
      node.textContent = deadline ? clockText(left) : team.timer_text || "–:––";
      setText("jump-timer", team.phase === "discuss" || team.phase === "vote" ? node.textContent : "");
      setText("timer-note", team.paused ? "paused" : team.timer_note || "");
    }

    window.setInterval(() => {
      if (deadline === null) return;
      const left = (deadline - Date.now()) / 1000;
      const node = document.getElementById("timer");
      node.textContent = clockText(left);
      setText("jump-timer", node.textContent);
      if (left <= 0) {
        deadline = null;
        node.classList.remove("running");
        node.classList.add("up");
      }
    }, 250);

    // Say what changed since the last state: a new phase, the vote opening, a result, news, the end.
    function tell(before, msg) {
      const team = msg.team || {};
      const was = (before && before.team) || {};
      if (!before || before.at !== msg.at || was.phase !== team.phase) {
        announce(`${team.phase_label || "Now"}: ${team.title || team.heading || ""}`);
      }
      if (msg.voting && !(before && before.voting)) announce("Voting is open.");
      if (team.result && team.result !== was.result) announce(`Decided: ${team.result}`);
      const seen = new Set(was.news || []);
      for (const line of team.news || []) if (before && !seen.has(line)) announce(line);
      if (team.ended && !was.ended) announce(`The crisis is over: ${team.title || ""}`);
    }

    if (token) {
      show("join", false);
      show("lesson", true);
      leave.hidden = false;
      link.connect();
    } else {
      showJoin("");
    }
  }

  if (root.dataset.page === "student") document.addEventListener("DOMContentLoaded", student);
})();
