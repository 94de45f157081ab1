// Role dashboards: the narrative for an analyst, the COO, the CFO or the CEO, with the facts behind it,
// and the HTML report to export.
import { api } from "../api.js";
import { h, mount, loading, failure } from "../dom.js";
import { analysisHeader } from "./analysisTabs.js";
import { count, duration, percent } from "../format.js";
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
    const [narrative, facts] = await Promise.all([api.result(id, `narratives/${role}`), api.result(id, "facts")]);
    if (!isCurrent(token)) return;
    const label = roles.find(([key]) => key === role)?.[1] ?? role;
    mount(body, h("div", { class: "grid grid-2" },
      h("section", { class: "card", "aria-labelledby": "narrative-title" },
        h("h2", { id: "narrative-title" }, `For the ${label}`),
        h("div", { class: "narrative", "data-testid": "narrative" }, (narrative.paragraphs ?? []).map((paragraph) => h("p", {}, paragraph))),
        narrative.actions?.length ? [h("h3", {}, "Recommended actions"), h("ol", { "data-testid": "actions" }, narrative.actions.map((action) => h("li", {}, action)))] : null,
        h("p", { class: "muted" }, narrative.fallbackReason ? `Written from the template: ${narrative.fallbackReason}` : narrative.source === "template" ? "Written from the template; every number comes from the facts." : `Written by ${narrative.source}; every number passed the fact check.`)),
      h("section", { class: "card", "aria-labelledby": "facts-title" },
        h("h2", { id: "facts-title" }, "Facts behind it"),
        factList(facts, role))));
  } catch (error) { if (isCurrent(token)) mount(body, failure(error)); }
}

function factList(facts, role) {
  const cycle = facts.cycleTime ?? {};
  const rows = [
    ["Cases", count(facts.caseCount)], ["Events", count(facts.eventCount)],
    ["Period", facts.firstDay ? `${facts.firstDay} to ${facts.lastDay}` : "—"],
    ["Median cycle time", duration(cycle.medianSeconds)], ["90th percentile cycle time", duration(cycle.p90Seconds)],
    ["Cases per week", Number(facts.casesPerWeek ?? NaN).toLocaleString("en-US", { maximumFractionDigits: 1 })],
    ["Cases with rework", `${count(facts.rework?.casesWithRework)} (${percent(facts.rework?.caseShare)})`],
    ["Waiting in total", duration(facts.totalWaitingSeconds)],
  ];
  if (facts.sla) rows.push(["SLA breaches", `${count(facts.sla.breaches)} (${percent(facts.sla.breachRate)}) over ${duration(facts.sla.thresholdSeconds)}`]);
  for (const bottleneck of (facts.bottlenecks ?? []).slice(0, role === "ceo" ? 1 : 3)) {
    rows.push([`Waiting before ${bottleneck.activity ?? bottleneck.label ?? "an activity"}`, duration(bottleneck.meanWaitingSeconds ?? bottleneck.meanSeconds ?? bottleneck.waiting?.meanSeconds)]);
  }
  for (const driver of (facts.drivers ?? []).slice(0, 3)) rows.push([`Driver: ${driver.feature}`, `${driver.raisesTargetWhenHigh === false ? "lowers" : "raises"} by ${driver.meanAbsoluteImpact.toFixed(1)} ${driver.unit}`]);
  if (facts.cost && role === "cfo") rows.push(["Cost of waiting", JSON.stringify(facts.cost)]);
  return h("dl", { class: "kv facts", "data-testid": "facts" }, rows.map(([key, value]) => [h("dt", {}, key), h("dd", {}, value)]));
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
