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
          Object.entries(source.options ?? {}).map(([key, value]) =>
            [h("dt", { title: key }, sourceOptionLabels[key] ?? key), h("dd", {}, formatValue(key, value))]),
          optionRows(provenance.options ?? {}),
          h("dt", {}, "Results"), h("dd", {}, (provenance.results ?? []).join(", ")))),
      h("section", { class: "card", "aria-labelledby": "steps-title" },
        h("h2", { id: "steps-title" }, "Filters and transformations"),
        steps.length === 0 ? h("p", { class: "muted" }, "None: the analysis used the log as it was imported.") :
          h("ol", { class: "timeline", "data-testid": "provenance-steps" }, steps.map((step) =>
            h("li", {}, h("strong", {}, describeStep(step)), " ",
              h("span", { class: "muted" }, `cases ${count(step.casesBefore)} → ${count(step.casesAfter)}, events ${count(step.eventsBefore)} → ${count(step.eventsAfter)}`),
              h("div", { class: "mono muted", title: "The step as the library records it, to reproduce it" },
                `${step.name}(${Object.entries(step.parameters ?? {}).map(([k, v]) => `${k}: ${v}`).join(", ")})`)))))));
}

/** "A, B or C" from the library's sorted, comma-separated list. */
function anyOf(list) {
  const values = String(list ?? "").split(",").filter((value) => value !== "");
  if (values.length <= 1) return values[0] ?? "—";
  return `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

/** Seconds from the library's text, where "inf" means no upper bound. */
function seconds(text) {
  return text === "inf" ? "no limit" : duration(Number(text));
}

/** One recorded filter or transformation as a sentence; the step's own name and parameters are shown beside it. */
function describeStep(step) {
  const p = step.parameters ?? {};
  const verb = p.keep === "false" ? "Removed" : "Kept";
  switch (step.name) {
    case "filterAttribute":
      if (p.scope === "events") return `${verb} events whose ${p.key} is ${anyOf(p.values)}`;
      if (p.scope === "casesWithEvent") return `${verb} cases with an event whose ${p.key} is ${anyOf(p.values)}`;
      return `${verb} cases whose ${p.key} is ${anyOf(p.values)}`;
    case "filterTimeRange": {
      const range = `${dateTime(p.from)} – ${dateTime(p.to)}`;
      if (p.mode === "intersecting") return `Kept cases that overlap ${range}`;
      if (p.mode === "trimEvents") return `Kept the events within ${range}`;
      return `Kept cases that lie within ${range}`;
    }
    case "filterStartActivities": return `Kept cases that start with ${anyOf(p.activities)}`;
    case "filterEndActivities": return `Kept cases that end with ${anyOf(p.activities)}`;
    case "filterDirectlyFollows":
      return `${p.present === "false" ? "Removed" : "Kept"} cases where ${p.from} is directly followed by ${p.to}`;
    case "keepTopVariants": return `Kept the ${count(Number(p.k))} most frequent variants`;
    case "keepVariantsByCoverage": return `Kept the most frequent variants covering ${p.percent} % of the cases`;
    case "keepActivities": return `Kept only the events of ${anyOf(p.activities)}`;
    case "dropActivities": return `Removed the events of ${anyOf(p.activities)}`;
    case "filterCaseSize": return `Kept cases with ${count(Number(p.min))} to ${p.max === String(2 ** 63 - 1) ? "any number of" : count(Number(p.max))} events`;
    case "filterCaseDuration": return `Kept cases lasting ${seconds(p.minSeconds)} to ${seconds(p.maxSeconds)}`;
    case "dropEventsWithoutActivity": return "Dropped events without an activity name";
    case "whatif": return `What-if scenario “${p.scenario}”`;
    default: return step.name;
  }
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

/** The import and pull options the library records, as people read them (the raw key is the row's tooltip). */
const sourceOptionLabels = {
  lenient: "Lenient import",
  sortEventsByTimestamp: "Sorted by timestamp",
  classifier: "Activity classifier",
  skippedProblems: "Problems skipped",
  "window.from": "Window from",
  "window.to": "Window to",
  cursorBefore: "Cursor before",
  cursor: "Cursor after",
  records: "Records pulled",
  skipped: "Records skipped",
  events: "Events generated",
  seed: "Seed",
};

function formatValue(key, value) {
  if (value === null || value === undefined) return "—";
  if (value === "true" || value === "false") return value === "true" ? "yes" : "no";
  if (typeof value === "string" && /^-?\d+$/.test(value) && !/seed/i.test(key)) return count(Number(value));
  if (typeof value === "number") return count(value);
  if (typeof value === "string" && (/At$|time|date/i.test(key) || /^\d{4}-\d{2}-\d{2}T/.test(value)) && !Number.isNaN(Date.parse(value))) return dateTime(value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
