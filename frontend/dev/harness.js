// Dev harness: puts #lab-data / #lab-strings on the page from a sample file,
// answers the lab API from canned data (a fetch mock), then loads the built
// bundle exactly as the Django page does.

const params = new URLSearchParams(location.search);
const ex = params.get("ex") || "ex03-pick-and-place";
const lang = params.get("lang") || "en";
const delay = Number(params.get("delay") || 250);

const sample = await (await fetch(`samples/${ex}.json`)).json();
const strings = await (await fetch(`strings-${lang}.json`)).json();
const data = structuredClone(sample.data);
data.lang = lang;
if (params.get("fresh")) localStorage.removeItem(data.storage_key);
if (params.get("wrong") && sample.wrong) {
  data.program = sample.wrong.program;
  data.positions = sample.wrong.positions;
}
if (params.get("readonly")) data.readonly = true;
if (params.get("replay") && sample.wrong) {
  data.readonly = true;
  data.replay = {
    program: sample.wrong.program,
    positions: sample.wrong.positions,
    run: sample.wrong.run,
    result: sample.wrong.result,
  };
}

function script(id, value) {
  const node = document.createElement("script");
  node.id = id;
  node.type = "application/json";
  node.textContent = JSON.stringify(value).replace(/</g, "\\u003c");
  document.body.append(node);
}
script("lab-data", data);
script("lab-strings", strings);

// -- the mock API ---------------------------------------------------------------

const submissions = [...(sample.submissions || [])];
const log = (window.devApiLog = []);

function reply(body, status = 200) {
  return new Promise((resolve) =>
    setTimeout(() => resolve(new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } })), delay)
  );
}

function fakeCheck(program) {
  const diagnostics = [];
  program.split("\n").forEach((text, i) => {
    const line = i + 1;
    if (!text.trim()) return;
    if (!/^\s*\d+/.test(text)) {
      diagnostics.push({ line, column: 1, end_column: text.length + 1, severity: "error", message: "a program line starts with a step number", hint: "write e.g. 10 Mov PHome" });
    } else if (/^\s*\d+\s+(Mov|Mvs)\s*$/i.test(text)) {
      const col = text.search(/mov|mvs/i) + 1;
      diagnostics.push({ line, column: col, end_column: col + 3, severity: "error", message: "Mov needs a target position", hint: null });
    } else if (/Dly\s+0(\s|$)/i.test(text)) {
      diagnostics.push({ line, column: text.search(/dly/i) + 1, end_column: null, severity: "warning", message: "Dly 0 waits for nothing", hint: null });
    }
  });
  return diagnostics;
}

function fakeDebug(body) {
  const steps = sample.debug_steps;
  const breakpoints = new Set(body.breakpoints || []);
  let i = 0;
  let reason = "step";
  for (const command of body.commands || []) {
    if (command === "step") {
      i = Math.min(i + 1, steps.length - 1);
      reason = "step";
    } else {
      const wanted = command === "resume" ? (line) => breakpoints.has(line) : (line) => line === command.to_line;
      let j = i + 1;
      while (j < steps.length - 1 && !wanted(steps[j].stop.line)) j++;
      i = Math.min(j, steps.length - 1);
      reason = wanted(steps[i].stop.line) ? (command === "resume" ? "breakpoint" : "line") : steps[i].stop.reason;
    }
  }
  const answer = structuredClone(steps[i]);
  if (i === steps.length - 1) reason = steps[i].stop.reason;
  answer.stop.reason = reason;
  return answer;
}

const realFetch = window.fetch.bind(window);
window.fetch = async (url, options = {}) => {
  const path = typeof url === "string" ? url : url.url;
  if (!path.startsWith("/dev-api/")) return realFetch(url, options);
  const name = path.slice("/dev-api/".length);
  const method = (options.method || "GET").toUpperCase();
  const body = options.body ? JSON.parse(options.body) : null;
  log.push({ name, method, body, headers: options.headers, keepalive: !!options.keepalive });
  const isWrong = sample.wrong && body && body.program === sample.wrong.program;
  switch (name) {
    case "check": {
      const diagnostics = fakeCheck(body.program);
      return reply({ ok: !diagnostics.some((d) => d.severity === "error"), diagnostics });
    }
    case "run": {
      const diags = fakeCheck(body.program).filter((d) => d.severity === "error");
      if (diags.length) return reply({ ok: false, status: "error", error: null, cycle_time_s: 0, diagnostics: diags, trace: null, skeleton: null, lines: [] });
      if (params.get("runfail")) return reply({ detail: "The simulator is busy; try again in a moment." }, 429);
      return reply(isWrong ? sample.wrong.run : sample.runs[String(body.scenario)] || Object.values(sample.runs)[0]);
    }
    case "debug":
      return reply(fakeDebug(body));
    case "draft":
      if (params.get("offline")) throw new TypeError("Failed to fetch");
      if (method === "PUT") return reply({ saved_at: Date.now() });
      return reply({ program: data.program, positions: data.positions, saved_at: data.draft_saved_at });
    case "submit": {
      const answer = structuredClone(sample.submit);
      if (isWrong) Object.assign(answer, { result: sample.wrong.result, score: sample.wrong.result.score, passed: sample.wrong.result.passed });
      answer.attempt = submissions.length + 1;
      answer.id = 100 + answer.attempt;
      answer.url = `#submission-${answer.id}`;
      submissions.push({ id: answer.id, attempt: answer.attempt, created_at: new Date().toISOString(), score: answer.score, max_score: answer.max_score, passed: answer.passed, url: answer.url });
      return reply(answer);
    }
    case "submissions":
      return reply(submissions);
    default:
      return reply({ detail: `no such API: ${name}` }, 404);
  }
};

await import("../../src/robocampus/static/robocampus/dist/lab.js");
