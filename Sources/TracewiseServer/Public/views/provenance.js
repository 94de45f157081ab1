// Provenance: where the log came from, its fingerprint, and every filter and transformation applied.
import { api } from "../api.js";
import { h, mount } from "../dom.js";
import { count, dateTime } from "../format.js";
import { analysisHeader } from "./analysisTabs.js";
import { isCurrent } from "../app.js";

export async function renderProvenance(main, [id], token) {
  const [analysis, provenance] = await Promise.all([api.analysis(id), api.result(id, "provenance")]);
  if (!isCurrent(token)) return;
  const steps = provenance.steps ?? provenance.transformations ?? [];
  const source = provenance.source ?? {};
  mount(main,
    analysisHeader(id, "provenance", analysis.logName ?? analysis.logId ?? id, "Where these numbers come from, so anyone can reproduce them."),
    h("div", { class: "grid grid-2" },
      h("section", { class: "card", "aria-labelledby": "source-title" },
        h("h2", { id: "source-title" }, "Source"),
        h("dl", { class: "kv", "data-testid": "provenance-source" },
          Object.entries(source).map(([key, value]) => [h("dt", {}, key), h("dd", { class: /fingerprint|sha|hash/i.test(key) ? "mono" : "" }, formatValue(key, value))]),
          provenance.fingerprint ? [h("dt", {}, "Fingerprint"), h("dd", { class: "mono", "data-testid": "fingerprint" }, provenance.fingerprint)] : null)),
      h("section", { class: "card", "aria-labelledby": "steps-title" },
        h("h2", { id: "steps-title" }, "Filters and transformations"),
        steps.length === 0 ? h("p", { class: "muted" }, "None: the analysis used the log as it was imported.") :
          h("ol", { class: "timeline", "data-testid": "provenance-steps" }, steps.map((step) =>
            h("li", {}, h("strong", {}, step.name ?? step.kind ?? step.operation ?? "step"), " ",
              h("span", { class: "muted" }, describe(step))))))));
}

function formatValue(key, value) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return count(value);
  if (typeof value === "string" && /At$|time|date/i.test(key) && !Number.isNaN(Date.parse(value))) return dateTime(value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function describe(step) {
  return Object.entries(step).filter(([key]) => !["name", "kind", "operation"].includes(key))
    .map(([key, value]) => `${key}: ${typeof value === "object" ? JSON.stringify(value) : value}`).join(" · ");
}
