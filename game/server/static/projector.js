// ExComm's projector page (/projector#key=...): what the projector shows, for the big screen in a lesson served
// without the window — the public view (or, when the facilitator chooses, one team's view, or nothing), with the
// room code and a QR code for latecomers. It acts on nothing. Helpers come from student.js.
"use strict";

(function () {
  function projector() {
    const X = window.ExComm;
    const { el, clear, setText, show } = X;
    const key = new URLSearchParams(window.location.hash.replace(/^#/, "")).get("key") || "";
    const countTo = X.countdown(); // the timer between frames
    window.addEventListener("hashchange", () => window.location.reload());
    if (!key) {
      show("nokey", true);
      return;
    }

    const link = new X.Link({
      onOpen() {
        link.send({ type: "host", key: key, view: "projector" });
      },
      onMessage(msg) {
        if (msg.type === "projector_state") render(msg);
        else if (msg.type === "error") setText("connection", X.plainError(msg)).hidden = false;
      },
      onStatus(what) {
        const line = document.getElementById("connection");
        line.hidden = what === "open";
        line.textContent = what === "waiting" ? "Connection to the game lost: trying again…" : "Connecting to the game…";
      },
    });

    // the QR code as SVG squares, one per dark module (built with the DOM: the page runs no inline code)
    function qr(matrix) {
      const box = clear(document.getElementById("qr"));
      const n = (matrix || []).length;
      if (!n) return;
      const ns = "http://www.w3.org/2000/svg";
      const svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", `0 0 ${n} ${n}`);
      svg.setAttribute("shape-rendering", "crispEdges");
      const back = document.createElementNS(ns, "rect");
      back.setAttribute("width", n);
      back.setAttribute("height", n);
      back.setAttribute("fill", "#fff");
      svg.append(back);
      matrix.forEach((row, y) => row.forEach((dark, x) => {
        if (!dark) return;
        const r = document.createElementNS(ns, "rect");
        r.setAttribute("x", x);
        r.setAttribute("y", y);
        r.setAttribute("width", 1);
        r.setAttribute("height", 1);
        r.setAttribute("fill", "#000");
        svg.append(r);
      }));
      box.append(svg);
    }

    function render(msg) {
      show("wall", true);
      const p = msg.screen || {};
      const blank = p.kind === "blank";
      show("blank", blank);
      show("shown", !blank);
      if (blank) return;
      if (document.getElementById("qr").dataset.url !== msg.url) {
        qr(msg.qr);
        document.getElementById("qr").dataset.url = msg.url || "";
      }
      setText("join-url", msg.url);
      setText("room-code", msg.room);
      const n = Number(msg.joined) || 0;
      setText("joined", `${n} student${n === 1 ? "" : "s"} joined`);
      setText("heading", p.heading);
      setText("title", p.title);
      countTo(X.drawScreen(p));
      show("debrief-box", !!p.ended);  // the debrief, for the big screen, once the crisis is over
      show("way-in", !p.ended); // nobody joins an ended lesson: the code and QR would only invite a refusal
      if (p.ended) document.getElementById("debrief-link").href = `/report.html?key=${encodeURIComponent(key)}`;
      const options = clear(document.getElementById("options"));
      for (const o of p.options || []) {
        const votes = o.votes ? ` — ${o.votes} vote${o.votes === 1 ? "" : "s"}` : "";
        options.append(el("li", { class: o.available ? "" : "muted", text: `${o.number}. ${o.text}${votes}` }));
      }
      show("options-box", (p.options || []).length > 0);
      fit();
    }

    // Nobody scrolls a projector: a long team view is set smaller until it fits the screen (to 60% at most).
    function fit() {
      const body = document.body;
      body.style.removeProperty("font-size");
      const base = parseFloat(window.getComputedStyle(body).fontSize);
      for (let share = 0.95; share >= 0.6 && document.documentElement.scrollHeight > window.innerHeight; share -= 0.05) {
        body.style.fontSize = `${base * share}px`;
      }
    }
    window.addEventListener("resize", fit);


    link.connect();
  }

  if (document.documentElement.dataset.page === "projector") {
    document.addEventListener("DOMContentLoaded", projector);
  }
})();
