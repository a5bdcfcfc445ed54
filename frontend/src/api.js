// The lab's server API: JSON in, JSON out, CSRF header, same-origin cookies.
// Errors become ApiError with the server's {"detail": "..."} message.

export class ApiError extends Error {
  constructor(message, status, body) {
    super(message);
    this.name = "ApiError";
    this.status = status; // 0: the server could not be reached
    this.body = body;
  }
}

export class Api {
  /** urls: the "api" object of lab-data; csrf: the CSRF token. */
  constructor(urls, csrf, t) {
    this.urls = urls || {};
    this.csrf = csrf || "";
    this.t = t;
  }

  async request(name, method, body, { keepalive = false, signal } = {}) {
    const url = this.urls[name];
    if (!url) throw new ApiError(this.t("error_no_api"), -1, null);
    let response;
    try {
      response = await fetch(url, {
        method,
        headers: { "Content-Type": "application/json", "X-CSRFToken": this.csrf, Accept: "application/json" },
        credentials: "same-origin",
        body: body === undefined ? undefined : JSON.stringify(body),
        keepalive,
        signal,
      });
    } catch (err) {
      if (err && err.name === "AbortError") throw err;
      throw new ApiError(this.t("error_network"), 0, null);
    }
    let data = null;
    const text = await response.text().catch(() => "");
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
    if (!response.ok) {
      const detail = data && typeof data.detail === "string" ? data.detail : null;
      const message = detail || this.t("error_http", { status: response.status });
      throw new ApiError(message, response.status, data);
    }
    return data;
  }

  check(program, positions) {
    return this.request("check", "POST", { program, positions });
  }
  run(program, positions, scenario) {
    return this.request("run", "POST", { program, positions, scenario });
  }
  debug(program, positions, scenario, breakpoints, commands) {
    return this.request("debug", "POST", { program, positions, scenario, breakpoints, commands });
  }
  getDraft() {
    return this.request("draft", "GET");
  }
  putDraft(program, positions, options) {
    return this.request("draft", "PUT", { program, positions }, options);
  }
  submit(program, positions) {
    return this.request("submit", "POST", { program, positions });
  }
  submissions() {
    return this.request("submissions", "GET");
  }
}
