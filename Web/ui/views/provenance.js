// Provenance: where the log came from, its fingerprint, and every filter and transformation applied.
import { api } from "../api.js";
import { h, mount } from "../dom.js";
import { count, dateTime, duration } from "../format.js";
import { analysisHeader } from "./analysisTabs.js";
import { describeFilters } from "./filters.js";
import { isCurrent } from "../app.js";

export async function renderProvenance(main, [id], token) {
  const [analysis, provenance] = await Promise.all([api.analysis(id), api.result(id, "provenance")]);
  if (!isCurrent(token)) return;
  const steps = provenance.provenance?.steps ?? [];
  const source = provenance.provenance?.source ?? {};
  mount(main,
    analysisHeader(id, "provenance", analysis.logName ?? analysis.logId ?? id, "Where these numbers come from, so anyone can reproduce them."),
    h("div", { class: "grid grid-2" },
      h("section", { class: "card", "aria-labelledby": "source-title" },
        h("h2", { id: "source-title" }, "Source"),
        h("dl", { class: "kv", "data-testid": "provenance-source" },
          h("dt", {}, "Log"), h("dd", { class: "mono" }, provenance.logId),
          h("dt", {}, "Location"), h("dd", { class: "mono" }, source.location ?? "—"),
          h("dt", {}, "Format"), h("dd", {}, source.format ?? "—"),
          h("dt", {}, "Fingerprint"), h("dd", { class: "mono", "data-testid": "fingerprint" }, provenance.logFingerprint ?? source.fingerprint ?? "—"),
          Object.entries(source.options ?? {}).map(([key, value]) => [h("dt", {}, key), h("dd", {}, formatValue(key, value))]),
          optionRows(provenance.options ?? {}),
          h("dt", {}, "Results"), h("dd", {}, (provenance.results ?? []).join(", ")))),
      h("section", { class: "card", "aria-labelledby": "steps-title" },
        h("h2", { id: "steps-title" }, "Filters and transformations"),
        steps.length === 0 ? h("p", { class: "muted" }, "None: the analysis used the log as it was imported.") :
          h("ol", { class: "timeline", "data-testid": "provenance-steps" }, steps.map((step) =>
            h("li", {}, h("strong", {}, step.name), " ",
              h("span", { class: "muted" }, `${Object.entries(step.parameters ?? {}).map(([k, v]) => `${k} = ${v}`).join(", ")} · cases ${count(step.casesBefore)} → ${count(step.casesAfter)}, events ${count(step.eventsBefore)} → ${count(step.eventsAfter)}`)))))));
}

/** The analysis options as labelled rows: what was discovered, checked and explained, and on which cases. */
function optionRows(options) {
  const rows = [
    ["Miner", options.miner === "imf" ? `imf (noise ${options.noise})` : options.miner],
    ["Conformance", options.conformance],
    ["Explain target", options.explainTarget],
    ["SLA", options.slaSeconds ? duration(options.slaSeconds) : null],
    ["Narratives' domain", options.domain],
    ["Filters", describeFilters(options.filters) ?? "none (the whole log)"],
  ];
  return rows.filter(([, value]) => value !== undefined && value !== null)
    .map(([label, value]) => [h("dt", {}, label), h("dd", { "data-option": label }, String(value))]);
}

function formatValue(key, value) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return count(value);
  if (typeof value === "string" && /At$|time|date/i.test(key) && !Number.isNaN(Date.parse(value))) return dateTime(value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
