// Home and onboarding: the tenant's logs and analyses; upload a file or pick the demo log, then watch
// the analysis run.
import { api } from "../api.js";
import { h, mount, loading, empty, failure, announce } from "../dom.js";
import { count, dateTime, percent } from "../format.js";
import { isCurrent } from "../app.js";
import { describeFilters } from "./filters.js";

const statusBadge = (status) => {
  const tone = { succeeded: "good", failed: "bad", cancelled: "warn", running: "", queued: "" }[status] ?? "";
  return h("span", { class: `badge ${tone}`, "data-status": status }, status);
};

export async function renderHome(main, _params, token) {
  const [logs, analyses] = await Promise.all([api.logs(), api.analyses().catch(() => [])]);
  if (!isCurrent(token)) return;
  const progressBox = h("div", { id: "analysis-progress" });
  mount(main,
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, "Analyses"),
      h("p", { class: "muted" }, "Turn an activity log into a process map, find what slows it down and why."))),
    onboardingCard(logs, progressBox, token),
    progressBox,
    h("div", { class: "grid grid-2" }, analysesCard(analyses, logs), logsCard(logs)));
}

function onboardingCard(logs, progressBox, token) {
  const demo = logs.find((log) => /demo|order|o2c/i.test(log.name)) ?? logs[0];
  const file = h("input", { type: "file", id: "log-file", accept: ".xes,.xes.gz,.csv,.csv.gz,.gz" });
  const status = h("div", { "aria-live": "polite" });
  const start = async (logId) => {
    mount(status);
    try {
      const created = await api.createAnalysis({ logId });
      announce("Analysis started");
      watch(created.id, progressBox, token);
    } catch (error) { mount(status, failure(error)); }
  };
  const upload = async () => {
    const chosen = file.files?.[0];
    if (!chosen) { mount(status, failure({ title: "Choose a file first", detail: "Pick an XES or CSV file (gzip allowed)." })); return; }
    mount(status, loading(`Uploading ${chosen.name}…`));
    try {
      const uploaded = await api.uploadLog(chosen.name, chosen);
      mount(status, h("p", {}, `Uploaded ${chosen.name}.`));
      await start(uploaded.id);
    } catch (error) { mount(status, failure(error)); }
  };
  return h("section", { class: "card", "aria-labelledby": "onboard-title" },
    h("h2", { id: "onboard-title" }, "Start an analysis"),
    h("div", { class: "grid grid-2" },
      h("div", { class: "dropzone" },
        h("label", { for: "log-file" }, "Upload an event log"),
        h("p", { class: "muted" }, "XES or CSV, optionally gzipped. CSV needs case, activity and timestamp columns."),
        h("div", { class: "actions", style: "justify-content:center" }, file,
          h("button", { type: "button", class: "primary", id: "upload-start", onclick: upload }, "Upload and analyse"))),
      h("div", { class: "dropzone" },
        h("h3", {}, "Or try the demo"),
        demo ? [h("p", { class: "muted" }, `${demo.name}: ${count(demo.cases)} cases, ${count(demo.events)} events.`),
          h("button", { type: "button", id: "demo-start", onclick: () => start(demo.id) }, "Analyse the demo log")]
          : h("p", { class: "muted" }, "No demo log is loaded for this tenant."))),
    status);
}

export async function watch(id, box, token) {
  const bar = h("span", { style: "width:0%" });
  const phase = h("span", {}, "Queued");
  const cancel = h("button", { type: "button", class: "danger", onclick: async () => { try { await api.cancelAnalysis(id); } catch { /* the next poll shows the state */ } } }, "Cancel");
  mount(box, h("section", { class: "card", "aria-labelledby": "progress-title" },
    h("h2", { id: "progress-title" }, "Analysis in progress"),
    h("div", { class: "progress", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", "aria-label": "Analysis progress" }, bar),
    h("p", { class: "muted", style: "margin-top:8px" }, phase), h("div", { class: "actions" }, cancel)));
  const progressbar = box.querySelector("[role=progressbar]");
  while (isCurrent(token)) {
    let state;
    try { state = await api.analysis(id); } catch (error) { mount(box, failure(error)); return; }
    const fraction = state.progress?.fraction ?? (state.status === "succeeded" ? 1 : 0);
    bar.style.width = `${Math.round(fraction * 100)}%`;
    progressbar.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
    phase.textContent = `${state.status} · ${state.progress?.phase ?? ""} · ${percent(fraction, 0)}`;
    if (state.status === "succeeded") { announce("Analysis finished"); location.hash = `#/analyses/${encodeURIComponent(id)}`; return; }
    if (state.status === "failed" || state.status === "cancelled") {
      mount(box, failure({ title: `The analysis ${state.status}`, detail: state.error?.detail ?? state.error ?? "Start it again, or try another log." }));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

function analysesCard(analyses, logs) {
  const names = new Map(logs.map((log) => [log.id, log.name]));
  return h("section", { class: "card", "aria-labelledby": "analyses-title" },
    h("h2", { id: "analyses-title" }, "Recent analyses"),
    analyses.length === 0 ? empty("No analyses yet", "Start one above: upload a log or use the demo log.")
      : h("table", {}, h("caption", { class: "visually-hidden" }, "Recent analyses"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Log"), h("th", { scope: "col" }, "Options"), h("th", { scope: "col" }, "Status"))),
        h("tbody", {}, analyses.slice(0, 12).map((analysis) => h("tr", {},
          h("td", {}, analysis.status === "succeeded"
            ? h("a", { href: `#/analyses/${encodeURIComponent(analysis.id)}` }, names.get(analysis.logId) ?? analysis.logId)
            : names.get(analysis.logId) ?? analysis.logId),
          h("td", {}, optionsSummary(analysis.options)), h("td", {}, statusBadge(analysis.status)))))));
}

function optionsSummary(options) {
  if (!options) return "—";
  const filters = describeFilters(options.filters);
  return `${options.miner ?? "imf"} · ${options.conformance ?? "token-replay"}${filters ? ` · filtered: ${filters}` : ""}`;
}

function logsCard(logs) {
  return h("section", { class: "card", "aria-labelledby": "logs-title" },
    h("h2", { id: "logs-title" }, "Event logs"),
    logs.length === 0 ? empty("No logs yet", "Upload an XES or CSV file to begin.")
      : h("table", {}, h("caption", { class: "visually-hidden" }, "Event logs"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col", class: "num" }, "Cases"), h("th", { scope: "col", class: "num" }, "Events"), h("th", { scope: "col" }, "Uploaded"))),
        h("tbody", {}, logs.map((log) => h("tr", {}, h("td", {}, log.name), h("td", { class: "num" }, count(log.cases)),
          h("td", { class: "num" }, count(log.events)), h("td", {}, dateTime(log.importedAt)))))));
}
