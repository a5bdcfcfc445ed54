// The proctor's live table: every few seconds, fetch the session's
// status.json and redraw the rows (times are computed by the server).
const table = document.getElementById("proctor-table");

function cell(row, text, className) {
  const td = document.createElement("td");
  if (className) td.className = className;
  td.textContent = text;
  row.appendChild(td);
  return td;
}

function draw(data) {
  const body = document.createElement("tbody");
  for (const r of data.rows) {
    const tr = document.createElement("tr");
    tr.dataset.seat = String(r.seat);
    tr.className = "st-" + r.status;
    cell(tr, r.label);
    const who = cell(tr, r.candidate + " ");
    const user = document.createElement("span");
    user.className = "muted small";
    user.textContent = r.username;
    who.appendChild(user);
    cell(tr, r.status_label);
    cell(tr, r.attempt ? r.answered + "/" + r.total : "");
    cell(tr, r.last_seen_text);
    cell(tr, r.time_left_text);
    cell(tr, String(r.extra_minutes));
    const actions = cell(tr, "");
    if (r.attempt_url) {
      const a = document.createElement("a");
      a.href = r.attempt_url;
      a.textContent = table.dataset.actionsLabel;
      actions.appendChild(a);
    }
    body.appendChild(tr);
  }
  if (!data.rows.length) {
    const tr = document.createElement("tr");
    cell(tr, data.empty).colSpan = 8;
    body.appendChild(tr);
  }
  table.replaceChild(body, table.tBodies[0]);
  const counts = document.getElementById("proctor-counts");
  if (counts) {
    counts.replaceChildren();
    for (const [key, n] of Object.entries(data.counts)) {
      const span = document.createElement("span");
      span.append(data.labels[key] + ": ");
      const strong = document.createElement("strong");
      strong.textContent = String(n);
      span.appendChild(strong);
      counts.append(span, " ");
    }
  }
}

function say(text) {
  const out = document.getElementById("proctor-updated");
  if (out) out.textContent = text;
}

async function refresh() {
  try {
    const response = await fetch(table.dataset.statusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
    });
    if (!response.ok) throw new Error("HTTP " + response.status);
    const data = await response.json();
    draw(data);
    const at = new Date(data.now);
    say(table.dataset.updatedLabel + " " + at.toLocaleTimeString());
  } catch (err) {
    say(table.dataset.failedLabel);
  }
}

if (table) {
  const every = Number(table.dataset.refreshMs) || 5000;
  setInterval(refresh, every);
}
