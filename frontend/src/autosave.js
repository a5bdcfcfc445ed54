// Autosave: every change goes to localStorage at once (debounced), and to the
// server's draft at most every 2 s while there are unsaved changes, plus when
// the page is hidden or left (fetch keepalive). A browser crash or a dead
// network loses nothing: on load the newer of the two copies wins.

const LOCAL_DEBOUNCE_MS = 300;
const SERVER_INTERVAL_MS = 2000;
const RETRY_MS = 5000;

/** Read the local copy: {program, positions, saved_at} or null. */
export function readLocal(key) {
  try {
    const value = JSON.parse(window.localStorage.getItem(key) || "null");
    if (value && typeof value.program === "string" && typeof value.positions === "string") return value;
  } catch {
    /* storage blocked or bad JSON: no local copy */
  }
  return null;
}

function writeLocal(key, value) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false; // private mode or full: the server copy still works
  }
}

/**
 * Decide what to start from: the server's program/positions, or the local
 * copy when it is newer than the server's draft and differs from it.
 * Returns {program, positions, restored: bool}.
 */
export function initialText(data) {
  const server = { program: data.program || "", positions: data.positions || "" };
  if (data.readonly || !data.storage_key) return { ...server, restored: false };
  const local = readLocal(data.storage_key);
  const serverAt = Number(data.draft_saved_at) || 0;
  if (
    local &&
    (Number(local.saved_at) || 0) > serverAt &&
    (local.program !== server.program || local.positions !== server.positions)
  ) {
    return { program: local.program, positions: local.positions, restored: true };
  }
  return { ...server, restored: false };
}

export class Autosave {
  /**
   * key: localStorage key; api: Api; read(): {program, positions};
   * onStatus(state, detail): "saved" | "saving" | "unsaved" | "offline" | "failed".
   * serverSavedAt: the draft's saved_at (ms) from the page.
   */
  constructor({ key, api, read, onStatus, serverSavedAt = null, dirty = false }) {
    this.key = key;
    this.api = api;
    this.read = read;
    this.onStatus = onStatus || (() => {});
    this.serverSavedAt = Number(serverSavedAt) || 0;
    this.version = 0; // bumps on every change
    this.savedVersion = dirty ? -1 : 0; // the version the server has
    this.inFlight = null;
    this.lastPut = 0;
    this.localTimer = null;
    this.serverTimer = null;
    this.onHide = () => this.flush();
    this.onVisibility = () => {
      if (document.visibilityState === "hidden") this.flush();
    };
    document.addEventListener("visibilitychange", this.onVisibility);
    window.addEventListener("pagehide", this.onHide);
    if (dirty) {
      this.saveLocal();
      this.schedule(0);
    } else {
      this.status("saved");
    }
  }

  get dirty() {
    return this.savedVersion !== this.version;
  }

  status(state, detail) {
    this.state = state;
    this.onStatus(state, detail);
  }

  /** Call after every edit. */
  changed() {
    this.version += 1;
    this.status(this.inFlight ? "saving" : "unsaved");
    clearTimeout(this.localTimer);
    this.localTimer = setTimeout(() => this.saveLocal(), LOCAL_DEBOUNCE_MS);
    this.schedule(Math.max(0, SERVER_INTERVAL_MS - (Date.now() - this.lastPut)));
  }

  saveLocal() {
    clearTimeout(this.localTimer);
    this.localTimer = null;
    const { program, positions } = this.read();
    // Newer than anything the server has said, even if the clocks differ.
    const savedAt = Math.max(Date.now(), this.serverSavedAt + 1);
    writeLocal(this.key, { program, positions, saved_at: savedAt });
  }

  schedule(delay) {
    if (this.serverTimer) return;
    this.serverTimer = setTimeout(() => {
      this.serverTimer = null;
      this.push();
    }, delay);
  }

  async push({ keepalive = false } = {}) {
    if (!this.dirty) return;
    if (this.inFlight && !keepalive) return; // the answer reschedules
    const version = this.version;
    const { program, positions } = this.read();
    this.lastPut = Date.now();
    this.status("saving");
    const request = this.api.putDraft(program, positions, { keepalive });
    this.inFlight = request;
    try {
      const answer = await request;
      if (version >= this.savedVersion) this.savedVersion = version;
      if (answer && answer.saved_at) this.serverSavedAt = Number(answer.saved_at) || this.serverSavedAt;
      if (!this.dirty) {
        // The local copy now equals the server's: let the server's win on load.
        writeLocal(this.key, { program, positions, saved_at: this.serverSavedAt || Date.now() });
        this.status("saved");
      } else {
        this.status("unsaved");
      }
    } catch (err) {
      if (err && err.status >= 400 && err.status < 500) {
        this.status("failed", err.message);
      } else {
        this.status("offline");
      }
      // Try again later; the local copy is safe meanwhile.
      if (this.inFlight === request) this.inFlight = null;
      this.schedule(RETRY_MS);
      return;
    } finally {
      if (this.inFlight === request) this.inFlight = null;
    }
    if (this.dirty) this.schedule(Math.max(0, SERVER_INTERVAL_MS - (Date.now() - this.lastPut)));
  }

  /** The page is going away: write both copies now. */
  flush() {
    if (!this.dirty) return;
    this.saveLocal();
    clearTimeout(this.serverTimer);
    this.serverTimer = null;
    this.push({ keepalive: true });
  }

  destroy() {
    clearTimeout(this.localTimer);
    clearTimeout(this.serverTimer);
    document.removeEventListener("visibilitychange", this.onVisibility);
    window.removeEventListener("pagehide", this.onHide);
  }
}
