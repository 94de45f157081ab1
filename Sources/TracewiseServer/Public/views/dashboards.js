// Role dashboards: the narrative for an analyst, the COO, the CFO or the CEO, with the facts behind it,
// and the HTML report to export.
import { api } from "../api.js";
import { h, mount, loading, failure } from "../dom.js";
import { analysisHeader } from "./analysisTabs.js";
import { isCurrent } from "../app.js";

const roles = [["analyst", "Analyst"], ["coo", "COO"], ["cfo", "CFO"], ["ceo", "CEO"]];

export async function renderDashboards(main, [id, role = "analyst"], token) {
  const analysis = await api.analysis(id);
  if (!isCurrent(token)) return;
  const body = h("div", { id: "narrative-box" }, loading("Writing the narrative…"));
  const base = `#/analyses/${encodeURIComponent(id)}/dashboards`;
  mount(main,
    analysisHeader(id, "dashboards", analysis.logName ?? analysis.logId ?? id, "The same facts, told for each role. Every number is checked against the analysis."),
    h("div", { class: "actions", style: "margin-bottom:16px" },
      h("nav", { class: "tabs", "aria-label": "Roles", style: "margin:0;border:none" },
        roles.map(([key, label]) => h("a", { href: `${base}/${key}`, "aria-current": key === role ? "page" : null, "data-role": key }, label))),
      h("button", { type: "button", id: "export-report", style: "margin-left:auto", onclick: () => exportReport(id) }, "Export HTML report")),
    body);
  try {
    const narrative = await api.result(id, `narratives/${role}`);
    if (!isCurrent(token)) return;
    const label = roles.find(([key]) => key === role)?.[1] ?? role;
    const facts = Object.entries(narrative.facts ?? {});
    mount(body, h("div", { class: "grid grid-2" },
      h("section", { class: "card", "aria-labelledby": "narrative-title" },
        h("h2", { id: "narrative-title" }, `For the ${label}`),
        h("div", { class: "narrative", "data-testid": "narrative" }, (narrative.text ?? "").split(/\n{2,}/).map((paragraph) => h("p", {}, paragraph))),
        h("p", { class: "muted" }, narrative.fallback ? "Written from the template (the model's text did not pass the fact check)." : `Written by ${narrative.model ?? "the template narrator"}.`)),
      h("section", { class: "card", "aria-labelledby": "facts-title" },
        h("h2", { id: "facts-title" }, "Facts behind it"),
        facts.length === 0 ? h("p", { class: "muted" }, "No facts were recorded.") :
          h("dl", { class: "kv facts" }, facts.map(([key, value]) => [h("dt", {}, key), h("dd", {}, typeof value === "object" ? JSON.stringify(value) : String(value))])))));
  } catch (error) { if (isCurrent(token)) mount(body, failure(error)); }
}

async function exportReport(id) {
  try {
    const response = await api.report(id);
    const blob = await response.blob();
    const link = h("a", { href: URL.createObjectURL(blob), download: `tracewise-report-${id}.html` });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (error) {
    alert(`${error.title ?? "The report could not be exported"}: ${error.detail ?? error.message}`);
  }
}
