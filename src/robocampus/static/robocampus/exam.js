// The candidate's exam page (certification/exam_page.html): saves every
// answer as it is given, keeps the timer on the server's clock, shows the
// question navigator and submits. Plain ES module, no framework, no CDN.
//
// Saving: each question has a version counter; every change makes the next
// version and POSTs {"version": n, "response": {...}} to the question's
// save URL. The server accepts only a version above the one it holds, so a
// retried request is harmless. Versions and not-yet-acknowledged answers are
// kept in localStorage per attempt: a reload (or a server that was down)
// resends what was not acknowledged; a new device starts from the answers
// and versions the server rendered into the page.
//
// Timer: remaining = deadline - (Date.now() + offset), where offset is the
// server's time minus this machine's, refreshed by every save and by a
// state poll (a proctor may extend the deadline). The machine's own clock
// setting does not matter. At zero the page submits; the server refuses
// late saves anyway. docs/exams.md describes the whole.

const TEXT_DEBOUNCE_MS = 800;
const MAX_RETRY_MS = 30_000;
const SUBMIT_GRACE_MS = 1_500;
const DRAIN_TIMEOUT_MS = 10_000;
const TEXT_KINDS = new Set(["numeric", "short", "code_reading", "practical"]);
const RESPONSE_KEY = {
  single: "choice",
  multiple: "choices",
  ordering: "order",
  numeric: "value",
  short: "text",
  code_reading: "text",
  practical: "program",
};

const root = document.getElementById("exam");
if (root) start(root);

function start(root) {
  const strings = JSON.parse(document.getElementById("exam-strings").textContent);
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const storeKey = `robocampus.exam.${root.dataset.attempt}`;
  const doneUrl = root.dataset.doneUrl;
  const submitForm = document.getElementById("exam-submit-form");
  const timeLeft = document.getElementById("exam-time-left");
  const timer = document.getElementById("exam-timer");
  const clock = { offsetMs: 0, deadlineMs: 0, status: "in_progress" };
  let closed = false;
  let timeUp = false;

  function syncClock(serverTime, deadline, status) {
    const server = Date.parse(serverTime);
    const end = Date.parse(deadline);
    if (!Number.isNaN(server)) clock.offsetMs = server - Date.now();
    if (!Number.isNaN(end)) clock.deadlineMs = end;
    if (status) clock.status = status;
  }
  syncClock(root.dataset.serverTime, root.dataset.deadline, root.dataset.status);
  const remainingMs = () => clock.deadlineMs - (Date.now() + clock.offsetMs);

  // -- storage: versions and unacknowledged answers, per attempt ------------

  function loadStore() {
    try {
      const data = JSON.parse(localStorage.getItem(storeKey) || "{}");
      return { versions: data.versions || {}, pending: data.pending || {} };
    } catch {
      return { versions: {}, pending: {} };
    }
  }
  const store = loadStore();

  function persist() {
    const data = { versions: {}, pending: {} };
    for (const q of questions.values()) {
      data.versions[q.slot] = q.version;
      if (q.pending) data.pending[q.slot] = q.pending;
    }
    try {
      localStorage.setItem(storeKey, JSON.stringify(data));
    } catch {
      // Storage full or disabled: the server still has every acknowledged
      // answer; only the resend-after-reload convenience is lost.
    }
  }

  // -- reading and showing a question's answer ------------------------------

  function readResponse(q) {
    const s = q.section;
    const key = RESPONSE_KEY[q.kind];
    if (q.kind === "single") {
      const checked = s.querySelector("input[type=radio]:checked");
      return checked ? { choice: checked.value } : null;
    }
    if (q.kind === "multiple") {
      const ids = [...s.querySelectorAll("input[type=checkbox]:checked")];
      return { choices: ids.map((i) => i.value) };
    }
    if (q.kind === "ordering") {
      return { order: [...s.querySelectorAll(".ordering li")].map((li) => li.dataset.id) };
    }
    return { [key]: s.querySelector(".answer-text").value };
  }

  function showResponse(q, response) {
    const s = q.section;
    if (q.kind === "single") {
      for (const input of s.querySelectorAll("input[type=radio]")) {
        input.checked = input.value === response.choice;
      }
    } else if (q.kind === "multiple") {
      const chosen = new Set(response.choices || []);
      for (const input of s.querySelectorAll("input[type=checkbox]")) {
        input.checked = chosen.has(input.value);
      }
    } else if (q.kind === "ordering") {
      const list = s.querySelector(".ordering");
      const items = new Map([...list.children].map((li) => [li.dataset.id, li]));
      for (const id of response.order || []) {
        if (items.has(id)) list.appendChild(items.get(id));
      }
    } else if (TEXT_KINDS.has(q.kind)) {
      s.querySelector(".answer-text").value = response[RESPONSE_KEY[q.kind]] ?? "";
    }
  }

  function filled(response) {
    if (!response) return false;
    return Object.values(response).some((v) =>
      Array.isArray(v) ? v.length > 0 : typeof v === "string" ? v.trim() !== "" : !!v,
    );
  }

  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  // -- status per question and in the navigator -----------------------------

  function show(q, state, detail) {
    const label = {
      saved: strings.saved,
      saving: strings.saving,
      offline: strings.offline,
      login: strings.login,
      closed: strings.closed,
      refused: (strings.refused || "").replace("{detail}", detail || ""),
    }[state];
    q.status.textContent = label || "";
    q.section.dataset.saveState = state;
    q.nav.classList.toggle("answered", q.answered);
    q.nav.classList.toggle("pending", state === "saving" || state === "offline" || state === "login");
    q.nav.classList.toggle("error", state === "refused");
    q.nav.title = label || "";
  }

  // -- saving ----------------------------------------------------------------

  async function post(q, body) {
    let response;
    try {
      response = await fetch(q.url, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": csrf,
        },
        body: JSON.stringify(body),
      });
    } catch {
      return { retry: "offline" };
    }
    if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
      return { retry: "login" };
    }
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (response.status >= 500 || response.status === 429 || data === null) {
      return { retry: "offline" };
    }
    return { status: response.status, data };
  }

  async function send(q) {
    if (q.inflight || !q.pending || closed) return;
    clearTimeout(q.debounce);
    clearTimeout(q.retryTimer);
    const sent = q.pending;
    q.inflight = true;
    show(q, "saving");
    const result = await post(q, sent);
    q.inflight = false;
    if (result.retry) {
      q.failures += 1;
      const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** (q.failures - 1));
      q.retryTimer = setTimeout(() => send(q), delay + Math.random() * 300);
      show(q, result.retry);
      return;
    }
    q.failures = 0;
    const { status, data } = result;
    syncClock(data.server_time, data.deadline, data.status);
    if (status === 409) {
      closeExam(data.error);
      return;
    }
    if (status === 400) {
      if (q.pending !== sent) {
        send(q); // a newer answer was given meanwhile: it may be fine
        return;
      }
      q.pending = null;
      persist();
      show(q, "refused", data.error);
      return;
    }
    // Accepted, or a repeat of what the server already holds, or an answer
    // from another device with a higher version: the server's answer stands.
    q.version = Math.max(q.version, data.version);
    if (q.pending === sent || !q.pending || q.pending.version <= data.version) {
      q.pending = null;
      if (!data.accepted && !same(data.response, sent.response)) {
        showResponse(q, data.response);
      }
      q.answered = filled(data.response);
    }
    persist();
    if (q.pending) {
      send(q);
    } else {
      show(q, "saved");
    }
  }

  function edit(q, immediate) {
    if (closed) return;
    const response = readResponse(q);
    if (response === null) return;
    q.version += 1;
    q.pending = { version: q.version, response };
    persist();
    clearTimeout(q.debounce);
    if (immediate) {
      send(q);
    } else {
      show(q, "saving");
      q.debounce = setTimeout(() => send(q), TEXT_DEBOUNCE_MS);
    }
  }

  function flushAll() {
    for (const q of questions.values()) {
      if (q.pending && !q.inflight) send(q);
    }
  }

  async function drain(timeoutMs) {
    flushAll();
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const busy = [...questions.values()].some((q) => q.pending || q.inflight);
      if (!busy) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }

  // -- the questions -----------------------------------------------------------

  const questions = new Map();
  for (const section of root.querySelectorAll("section.question[data-save-url]")) {
    const slot = Number(section.dataset.slot);
    const q = {
      slot,
      number: Number(section.dataset.number),
      kind: section.dataset.kind,
      url: section.dataset.saveUrl,
      section,
      status: section.querySelector(".save-state"),
      nav: root.querySelector(`#exam-nav a[data-slot="${slot}"]`),
      version: Math.max(Number(section.dataset.version) || 0, Number(store.versions[slot]) || 0),
      answered: section.dataset.answered === "1",
      pending: null,
      inflight: false,
      failures: 0,
      debounce: null,
      retryTimer: null,
    };
    questions.set(slot, q);
    // An answer given here but never acknowledged (the page was reloaded,
    // or the server was down): show it again and send it.
    const kept = store.pending[slot];
    if (kept && kept.version > (Number(section.dataset.version) || 0)) {
      q.pending = kept;
      q.version = Math.max(q.version, kept.version);
      showResponse(q, kept.response);
    }
    wire(q);
  }

  function wire(q) {
    const s = q.section;
    if (q.kind === "single" || q.kind === "multiple") {
      s.addEventListener("change", () => edit(q, true));
    } else if (q.kind === "ordering") {
      s.addEventListener("click", (event) => {
        const button = event.target.closest("button");
        if (!button || closed) return;
        if (button.classList.contains("keep-order")) {
          edit(q, true);
          return;
        }
        const li = button.closest("li");
        const step = Number(button.dataset.move);
        const other = step < 0 ? li.previousElementSibling : li.nextElementSibling;
        if (!other) return;
        if (step < 0) li.parentNode.insertBefore(li, other);
        else li.parentNode.insertBefore(other, li);
        button.focus();
        edit(q, true);
      });
    } else if (TEXT_KINDS.has(q.kind)) {
      const input = s.querySelector(".answer-text");
      input.addEventListener("input", () => edit(q, false));
      input.addEventListener("change", () => send(q));
      input.addEventListener("blur", () => send(q));
    }
  }

  // -- timer, state, closing ---------------------------------------------------

  function clockText(ms) {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, "0");
    return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
  }

  function disableInputs() {
    for (const el of root.querySelectorAll("section.question input, section.question textarea, section.question button")) {
      el.disabled = true;
    }
  }

  function closeExam(message) {
    if (closed) return;
    closed = true;
    disableInputs();
    for (const q of questions.values()) {
      clearTimeout(q.retryTimer);
      clearTimeout(q.debounce);
      show(q, q.pending ? "closed" : "saved");
    }
    timer.dataset.state = "closed";
    timeLeft.textContent = message || strings.closed;
    setTimeout(() => window.location.assign(doneUrl), SUBMIT_GRACE_MS);
  }

  function tick() {
    if (timeUp || closed) return;
    const ms = remainingMs();
    timeLeft.textContent = clockText(ms);
    timer.dataset.state = ms < 60_000 ? "last-minute" : ms < 300_000 ? "warning" : "";
    if (ms <= 3_000) flushAll();
    if (ms <= 0) {
      timeUp = true;
      disableInputs();
      timeLeft.textContent = strings.time_up;
      timer.dataset.state = "closed";
      // A moment's grace lets saves sent just before zero land first; the
      // server records a submission after the deadline as the timer's.
      setTimeout(() => {
        closed = true;
        submitForm.submit();
      }, SUBMIT_GRACE_MS);
    }
  }

  async function refreshState() {
    if (closed || timeUp) return;
    try {
      const response = await fetch(root.dataset.stateUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        redirect: "manual",
      });
      if (!response.ok) return;
      const data = await response.json();
      syncClock(data.server_time, data.deadline, data.status);
      if (data.status !== "in_progress") closeExam(strings.closed);
    } catch {
      // Offline: the timer keeps running on the last known offset.
    }
  }

  submitForm.addEventListener("submit", async (event) => {
    if (timeUp || closed) return;
    event.preventDefault();
    const missing = [...questions.values()]
      .filter((q) => !q.answered && !(q.pending && filled(q.pending.response)))
      .map((q) => q.number);
    const lines = [
      strings.confirm,
      missing.length ? strings.unanswered.replace("{list}", missing.join(", ")) : strings.all_answered,
    ];
    if (!window.confirm(lines.join("\n\n"))) return;
    const button = document.getElementById("exam-submit");
    button.disabled = true;
    if (!(await drain(DRAIN_TIMEOUT_MS)) && !window.confirm(strings.unsaved)) {
      button.disabled = false;
      return;
    }
    closed = true;
    submitForm.submit();
  });

  window.addEventListener("online", flushAll);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") refreshState();
  });
  window.addEventListener("beforeunload", (event) => {
    if (closed) return;
    if ([...questions.values()].some((q) => q.pending || q.inflight)) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  tick();
  setInterval(tick, 250);
  setInterval(refreshState, (Number(root.dataset.refreshS) || 30) * 1000);
  flushAll();
  document.body.dataset.examReady = "1";
}
