// The Tracewise REST API as the workspace uses it. One place for paths, auth and error decoding.

const KEY_STORAGE = "tracewise.apiKey";

/** An RFC 9457 problem returned by the server (or a network failure shaped like one). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.title = problem.title ?? titleFor(status);
    this.detail = problem.detail ?? "";
    this.code = problem.code ?? null;
  }
}

function titleFor(status) {
  if (status === 401) return "Your API key was not accepted";
  if (status === 403) return "You do not have access to this";
  if (status === 404) return "Not found";
  if (status === 413) return "The file is too large";
  if (status === 429) return "Too many requests — wait a moment";
  if (status >= 500) return "The server could not finish this";
  return "The request was not accepted";
}

export const session = {
  get key() { return sessionStorage.getItem(KEY_STORAGE); },
  set key(value) { value ? sessionStorage.setItem(KEY_STORAGE, value) : sessionStorage.removeItem(KEY_STORAGE); },
  tenant: null,
  role: null,
};

async function request(method, path, { body, headers = {}, accept = "application/json", raw = false } = {}) {
  const init = { method, headers: { Accept: accept, ...headers } };
  if (session.key) init.headers.Authorization = `Bearer ${session.key}`;
  if (body !== undefined) {
    if (body instanceof Blob || body instanceof ArrayBuffer) init.body = body;
    else { init.body = JSON.stringify(body); init.headers["Content-Type"] = "application/json"; }
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, { title: "The server cannot be reached", detail: "Check that tracewise-server is running and try again." });
  }
  if (!response.ok) {
    let problem = {};
    try { problem = await response.json(); } catch { problem = {}; }
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get("Content-Type") ?? "";
  return type.includes("json") ? response.json() : response.text();
}

const t = () => encodeURIComponent(session.tenant);
const enc = encodeURIComponent;

export const api = {
  me: () => request("GET", "/me"),
  logs: () => request("GET", `/tenants/${t()}/logs`),
  logAttributes: (logId) => request("GET", `/tenants/${t()}/logs/${enc(logId)}/attributes`),
  uploadLog: (name, blob) => request("POST", `/tenants/${t()}/logs?name=${enc(name)}`, { body: blob, headers: { "Content-Type": "application/octet-stream" } }),
  analyses: () => request("GET", `/tenants/${t()}/analyses`),
  createAnalysis: (options) => request("POST", `/tenants/${t()}/analyses`, { body: options }),
  analysis: (id) => request("GET", `/tenants/${t()}/analyses/${enc(id)}`),
  cancelAnalysis: (id) => request("DELETE", `/tenants/${t()}/analyses/${enc(id)}`),
  result: (id, name, query = {}) => {
    const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ""));
    const suffix = search.toString() ? `?${search}` : "";
    return request("GET", `/tenants/${t()}/analyses/${enc(id)}/${name}${suffix}`, { accept: name.endsWith(".svg") ? "image/svg+xml" : "application/json" });
  },
  report: (id) => request("GET", `/tenants/${t()}/analyses/${enc(id)}/report.html`, { accept: "text/html", raw: true }),
  exceptions: () => request("GET", `/exceptions/${t()}`),
  exception: (id) => request("GET", `/exceptions/${t()}/${enc(id)}`),
  approvals: (status) => request("GET", `/exceptions/${t()}/approvals${status ? `?status=${enc(status)}` : ""}`),
  decide: (id, decision, user, comment) => request("POST", `/exceptions/${t()}/approvals/${enc(id)}/decision`, { body: { decision, user, comment } }),
  verifyAudit: () => request("GET", `/exceptions/${t()}/audit/verify`),
};
