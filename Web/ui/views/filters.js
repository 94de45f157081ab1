// The explorer's filter card: a time range, the values of one case or event attribute, and the analysis
// options (miner, conformance check, what the drivers explain, SLA). Applying it starts a new analysis of the
// same log with these choices (the server filters, and records each filter and option in the results'
// provenance), shows its progress, then opens its explorer.
import { api } from "../api.js";
import { h, mount, loading, failure } from "../dom.js";
import { count } from "../format.js";
import { watch } from "./home.js";

const MODES = [
  ["contained", "Cases entirely inside the range"],
  ["intersecting", "Cases with any event inside the range"],
  ["trimEvents", "Only the events inside the range"],
];
const SCOPES = { trace: "case attribute", event: "event attribute" };
const MINERS = [
  ["imf", "Inductive miner, infrequent (filters noise)"],
  ["im", "Inductive miner (every behaviour)"],
  ["imd", "Inductive miner, directly-follows based"],
  ["heuristics", "Heuristics miner (a net, no process tree)"],
  ["alpha", "Alpha miner (a net, no process tree)"],
];
const CHECKS = [
  ["token-replay", "Token replay (fast)"],
  ["alignments", "Alignments (exact, slower on large logs)"],
];

/** A one-line description of active filters, or null when there are none. */
export function describeFilters(filters) {
  const parts = [];
  const range = filters?.timeRange;
  if (range) parts.push(`${range.from.slice(0, 10)} to ${range.to.slice(0, 10)}`);
  for (const condition of filters?.attributes ?? []) {
    parts.push(`${condition.key} ${condition.keep === false ? "not " : ""}in ${condition.values.join(", ")}`);
  }
  return parts.length ? parts.join(" · ") : null;
}

/** The filter card for `analysis` (its status: logId and options); `token` is the view's navigation token. */
export function filterCard(analysis, token) {
  const active = analysis.options?.filters ?? null;
  const summary = describeFilters(active);
  const body = h("div", { id: "filters-body" }, loading("Loading what this log can be filtered by…"));
  const details = h("details", { class: "card filters", id: "filters", open: summary ? true : null },
    h("summary", {}, h("h2", { id: "filters-title", style: "display:inline" }, "Filters and options"), " ",
      h("span", { class: "muted", "data-testid": "active-filters" }, summary ? `Active: ${summary}` : "None: the whole log is analysed")),
    body);
  let loaded = false;
  const load = async () => {
    if (loaded) return;
    loaded = true;
    try {
      const attributes = await api.logAttributes(analysis.logId);
      mount(body, form(analysis, attributes, active, token));
    } catch (error) { loaded = false; mount(body, failure(error)); }
  };
  details.addEventListener("toggle", () => { if (details.open) load(); });
  if (details.open) load();
  return details;
}

function form(analysis, attributes, active, token) {
  const first = attributes.firstTimestamp?.slice(0, 10) ?? "";
  const last = attributes.lastTimestamp?.slice(0, 10) ?? "";
  const from = h("input", { type: "date", id: "filter-from", value: active?.timeRange?.from?.slice(0, 10) ?? first, min: first || null, max: last || null });
  const to = h("input", { type: "date", id: "filter-to", value: active?.timeRange?.to?.slice(0, 10) ?? last, min: first || null, max: last || null });
  const mode = h("select", { id: "filter-mode" }, MODES.map(([value, label]) =>
    h("option", { value, selected: (active?.timeRange?.mode ?? "contained") === value ? true : null }, label)));
  const choices = attributes.attributes ?? [];
  const condition = active?.attributes?.[0];
  const attribute = h("select", { id: "filter-attribute" },
    h("option", { value: "" }, "No attribute filter"),
    choices.map((choice, index) => h("option", { value: String(index), selected: condition && condition.key === choice.key && scopeOf(condition) === choice.scope ? true : null },
      `${choice.key} (${SCOPES[choice.scope]}, ${count(choice.distinctValues)} values)`)));
  const values = h("div", { id: "filter-values", role: "group", "aria-label": "Values to keep" });
  const drawValues = () => {
    const choice = choices[Number(attribute.value)];
    if (attribute.value === "" || !choice) { mount(values, h("p", { class: "muted" }, "Pick an attribute to keep only the cases with some of its values.")); return; }
    const selected = new Set(condition && condition.key === choice.key ? condition.values : []);
    mount(values,
      h("p", { class: "muted" }, choice.distinctValues > choice.values.length
        ? `The ${choice.values.length} most common of ${count(choice.distinctValues)} values; cases counted in the whole log.`
        : "Cases counted in the whole log."),
      h("ul", { class: "checklist" }, choice.values.map((item, index) => {
        const id = `filter-value-${index}`;
        return h("li", {}, h("input", { type: "checkbox", id, value: item.value, "data-cases": String(item.cases), checked: selected.has(item.value) ? true : null }),
          h("label", { for: id }, `${item.value} `, h("span", { class: "muted" }, `(${count(item.cases)} cases)`)));
      })));
  };
  attribute.addEventListener("change", drawValues);
  drawValues();
  const options = analysis.options ?? {};
  const miner = h("select", { id: "option-miner" }, MINERS.map(([value, label]) =>
    h("option", { value, selected: (options.miner ?? "imf") === value ? true : null }, label)));
  const check = h("select", { id: "option-conformance" }, CHECKS.map(([value, label]) =>
    h("option", { value, selected: (options.conformance ?? "token-replay") === value ? true : null }, label)));
  const activities = choices.find((choice) => choice.key === "concept:name" && choice.scope === "event")?.values.map((item) => item.value) ?? [];
  const targets = [["duration", "Case duration"], ["sla", "SLA breaches (set the SLA)"], ...activities.map((name) => [`waiting:${name}`, `Waiting before ${name}`])];
  const target = h("select", { id: "option-target" }, targets.map(([value, label]) =>
    h("option", { value, selected: (options.explainTarget ?? "duration") === value ? true : null }, label)));
  const sla = h("input", { type: "number", id: "option-sla", min: "0.1", step: "any", inputmode: "decimal",
    value: options.slaSeconds ? String(Math.round(options.slaSeconds / 36) / 100) : null, "aria-describedby": "option-sla-help" });
  const status = h("div", { id: "filter-status", "aria-live": "polite" });
  const progress = h("div", { id: "filter-progress" });

  const run = async (filters) => {
    mount(status);
    const chosen = { ...options, miner: miner.value, conformance: check.value, explainTarget: target.value };
    delete chosen.filters;
    delete chosen.slaSeconds;
    if (sla.value) chosen.slaSeconds = Number(sla.value) * 3600;
    if (chosen.explainTarget === "sla" && !chosen.slaSeconds) {
      mount(status, failure({ title: "Set the SLA first", detail: "SLA breaches are counted against the SLA in hours." }));
      return;
    }
    try {
      const created = await api.createAnalysis({ ...chosen, logId: analysis.logId, ...(filters ? { filters } : {}) });
      watch(created.id, progress, token);
    } catch (error) { mount(status, failure(error)); }
  };
  const apply = (event) => {
    event.preventDefault();
    const filters = {};
    const rangeChanged = from.value !== first || to.value !== last || mode.value !== "contained";
    if (from.value && to.value && (rangeChanged || active?.timeRange)) {
      if (from.value > to.value) { mount(status, failure({ title: "The time range is empty", detail: "“From” must be on or before “To”." })); return; }
      filters.timeRange = { from: `${from.value}T00:00:00Z`, to: `${to.value}T23:59:59Z`, mode: mode.value };
    }
    const choice = choices[Number(attribute.value)];
    if (attribute.value !== "" && choice) {
      const picked = [...values.querySelectorAll("input[type=checkbox]:checked")].map((box) => box.value);
      if (!picked.length) { mount(status, failure({ title: "No value is ticked", detail: `Tick at least one value of ${choice.key}, or pick “No attribute filter”.` })); return; }
      filters.attributes = [{ key: choice.key, values: picked, scope: choice.scope === "trace" ? "trace" : "casesWithEvent" }];
    }
    run(Object.keys(filters).length ? filters : null);
  };
  return h("form", { id: "filters-form", onsubmit: apply },
    h("div", { class: "grid grid-2" },
      h("fieldset", {}, h("legend", {}, "Time range"),
        h("div", { class: "field-row" },
          h("div", { class: "field" }, h("label", { for: "filter-from" }, "From"), from),
          h("div", { class: "field" }, h("label", { for: "filter-to" }, "To"), to)),
        h("div", { class: "field" }, h("label", { for: "filter-mode" }, "Keep"), mode)),
      h("fieldset", {}, h("legend", {}, "Attribute values"),
        h("div", { class: "field" }, h("label", { for: "filter-attribute" }, "Attribute"), attribute),
        values)),
    h("fieldset", { style: "margin-top:16px" }, h("legend", {}, "Analysis"),
      h("div", { class: "field-row" },
        h("div", { class: "field" }, h("label", { for: "option-miner" }, "Model"), miner),
        h("div", { class: "field" }, h("label", { for: "option-conformance" }, "Conformance check"), check),
        h("div", { class: "field" }, h("label", { for: "option-target" }, "Drivers explain"), target),
        h("div", { class: "field" }, h("label", { for: "option-sla" }, "SLA (hours)"), sla,
          h("span", { id: "option-sla-help", class: "visually-hidden" }, "Cycle time above which a case breaches its SLA; optional")))),
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "primary", id: "filters-apply" }, "Apply and re-run"),
      active ? h("button", { type: "button", id: "filters-clear", onclick: () => run(null) }, "Analyse the whole log") : null),
    status, progress);
}

function scopeOf(condition) { return (condition.scope ?? "trace") === "trace" ? "trace" : "event"; }
