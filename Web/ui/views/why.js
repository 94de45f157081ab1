// "Why this bottleneck?": pick an activity (ranked by the waiting before it) → the drivers of that waiting
// as a SHAP bar chart with a table view, the cases that wait longest with their own drivers, the
// counterfactual for the worst case, and the evidence behind every number.
import { api } from "../api.js";
import { h, mount, loading, failure, empty } from "../dom.js";
import { count, duration, percent } from "../format.js";
import { analysisHeader } from "./analysisTabs.js";
import { isCurrent } from "../app.js";

export async function renderWhy(main, [id], token) {
  const [analysis, overall] = await Promise.all([api.analysis(id), api.result(id, "drivers")]);
  if (!isCurrent(token)) return;
  const ranked = overall.bottlenecks?.activities ?? [];
  const detail = h("div", { id: "why-detail" });
  const select = h("select", { id: "bottleneck-activity" }, ranked.map((item) =>
    h("option", { value: item.activity }, `${item.activity} — ${duration(item.waiting?.meanSeconds)} mean wait, ${percent(item.shareOfWaiting)} of all waiting`)));
  const explain = () => drawDrivers(id, select.value, detail, token);
  select.addEventListener("change", explain);
  mount(main,
    analysisHeader(id, "why", analysis.logName ?? analysis.logId ?? id, "Where cases wait, and what makes them wait longer."),
    ranked.length === 0 ? empty("No waiting found", "Every activity starts as soon as the previous one ends.") : [
      h("section", { class: "card", "aria-labelledby": "ranking-title" },
        h("h2", { id: "ranking-title" }, "Where cases wait"),
        rankingTable(ranked.slice(0, 8)),
        h("div", { class: "field", style: "margin-top:16px" }, h("label", { for: "bottleneck-activity" }, "Explain the waiting before"), select)),
      detail,
    ]);
  if (ranked.length) await explain();
}

function rankingTable(rows) {
  return h("table", { "data-testid": "bottlenecks" }, h("caption", { class: "visually-hidden" }, "Activities ranked by the total waiting before them"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Activity"), h("th", { scope: "col", class: "num" }, "Cases"), h("th", { scope: "col", class: "num" }, "Median wait"),
      h("th", { scope: "col", class: "num" }, "90th percentile"), h("th", { scope: "col", class: "num" }, "Share of all waiting"))),
    h("tbody", {}, rows.map((row) => h("tr", {}, h("td", {}, row.activity), h("td", { class: "num" }, count(row.cases)),
      h("td", { class: "num" }, duration(row.waiting?.medianSeconds)), h("td", { class: "num" }, duration(row.waiting?.p90Seconds)),
      h("td", { class: "num" }, percent(row.shareOfWaiting))))));
}

async function drawDrivers(id, activity, box, token) {
  mount(box, loading(`Training the model and computing SHAP values for the waiting before ${activity}…`));
  try {
    const answer = await api.result(id, `bottlenecks/${encodeURIComponent(activity)}`);
    if (!isCurrent(token)) return;
    const result = { ...answer.explanation, counterfactual: answer.counterfactual };
    const unit = result.unit ?? "hours";
    const drivers = (result.globalDrivers ?? []).slice(0, 10);
    const showTable = h("button", { type: "button", "aria-pressed": "false", id: "drivers-as-table" }, "Show as table");
    const chartBox = h("div", {}, barChart(drivers, unit));
    showTable.addEventListener("click", () => {
      const pressed = showTable.getAttribute("aria-pressed") !== "true";
      showTable.setAttribute("aria-pressed", String(pressed));
      showTable.textContent = pressed ? "Show as chart" : "Show as table";
      mount(chartBox, pressed ? driverTable(drivers, unit) : barChart(drivers, unit));
    });
    mount(box,
      h("section", { class: "card", "aria-labelledby": "drivers-title" },
        h("div", { class: "page-head", style: "margin-bottom:8px" }, h("h2", { id: "drivers-title" }, `What drives the waiting before ${activity}`), showTable),
        h("p", { class: "muted" }, `Mean absolute SHAP value per feature, in ${unit} of waiting. ▲ raises the waiting when the feature is high or present; ▼ lowers it. `,
          `Model: ${count(result.model?.trees)} trees on ${count(result.model?.rows)} cases, R² ${(result.model?.trainingFit ?? NaN).toFixed(2)} on the training data; average prediction ${(result.expectedValue ?? NaN).toFixed(1)} ${unit}.`),
        chartBox),
      h("div", { class: "grid grid-2" }, casesCard(result.topCases ?? [], unit), counterfactualCard(result.counterfactual, unit)),
      evidenceCard(result));
  } catch (error) { if (isCurrent(token)) mount(box, failure(error)); }
}

function barChart(drivers, unit) {
  if (!drivers.length) return empty("No drivers", "The model found nothing that explains this waiting.");
  const max = Math.max(...drivers.map((d) => d.meanAbsoluteSHAP), 1e-9);
  return h("div", { class: "bars", role: "list", "aria-label": "Drivers by mean absolute SHAP value", "data-testid": "drivers" },
    drivers.map((driver) => h("div", { class: "bar-row", role: "listitem", "data-driver": driver.feature },
      h("span", { class: "bar-label" }, driver.feature),
      h("span", { class: "bar-track", "aria-hidden": "true" }, h("span", { class: `bar ${driver.raisesTargetWhenHigh ? "up" : "down"}`, style: `display:block;width:${(100 * driver.meanAbsoluteSHAP / max).toFixed(1)}%` })),
      h("span", { class: "bar-value" }, `${driver.raisesTargetWhenHigh ? "▲ raises" : "▼ lowers"} ${driver.meanAbsoluteSHAP.toFixed(1)} ${unit}`))));
}

function driverTable(drivers, unit) {
  return h("table", {}, h("caption", { class: "visually-hidden" }, "Drivers"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Feature"), h("th", { scope: "col", class: "num" }, `Mean |SHAP| (${unit})`), h("th", { scope: "col", class: "num" }, `Mean SHAP (${unit})`), h("th", { scope: "col" }, "Direction"))),
    h("tbody", {}, drivers.map((d) => h("tr", {}, h("td", {}, d.feature), h("td", { class: "num" }, d.meanAbsoluteSHAP.toFixed(2)),
      h("td", { class: "num" }, d.meanSHAP.toFixed(2)), h("td", {}, d.raisesTargetWhenHigh ? "raises when high" : "lowers when high")))));
}

function casesCard(cases, unit) {
  return h("section", { class: "card", "aria-labelledby": "cases-title" },
    h("h2", { id: "cases-title" }, "Cases that wait longest"),
    cases.length === 0 ? empty("No example cases") : h("table", { "data-testid": "example-cases" }, h("caption", { class: "visually-hidden" }, "Example cases with their own drivers"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Case"), h("th", { scope: "col", class: "num" }, `Predicted (${unit})`), h("th", { scope: "col" }, "Biggest reasons"))),
      h("tbody", {}, cases.map((item) => h("tr", {}, h("td", { class: "mono" }, item.caseID), h("td", { class: "num" }, item.prediction.toFixed(1)),
        h("td", {}, (item.up ?? []).slice(0, 3).map((d) => `${d.feature} (+${d.shap.toFixed(1)})`).join(", ") || "—"))))));
}

function counterfactualCard(counterfactual, unit) {
  return h("section", { class: "card", "aria-labelledby": "cf-title" },
    h("h2", { id: "cf-title" }, "What would have helped"),
    !counterfactual ? empty("No counterfactual", "No small change to actionable features brings the worst case below the threshold.")
      : h("div", { "data-testid": "counterfactual" },
        h("p", {}, `For case `, h("span", { class: "mono" }, counterfactual.caseID), `, changing ${counterfactual.changes.length === 1 ? "one thing" : `${counterfactual.changes.length} things`} moves the predicted waiting from ${counterfactual.originalPrediction.toFixed(1)} to ${counterfactual.prediction.toFixed(1)} ${unit}${counterfactual.reachesThreshold ? "" : " (still above the target)"}:`),
        h("ul", {}, counterfactual.changes.map((change) => h("li", {}, `${change.feature}: ${change.from} → ${change.to}`)))));
}

function evidenceCard(result) {
  return h("section", { class: "card", "aria-labelledby": "evidence-title" },
    h("h2", { id: "evidence-title" }, "Evidence"),
    h("dl", { class: "kv" },
      h("dt", {}, "Target"), h("dd", { class: "mono" }, result.target ?? "—"),
      h("dt", {}, "Cases used"), h("dd", {}, count(result.model?.rows)),
      h("dt", {}, "Features"), h("dd", {}, count(result.model?.features)),
      h("dt", {}, "Model"), h("dd", {}, `gradient-boosted trees (${count(result.model?.trees)} trees, ${result.model?.objective ?? "squared error"}), exact TreeSHAP`),
      h("dt", {}, "Fit on training data"), h("dd", {}, `R² ${(result.model?.trainingFit ?? NaN).toFixed(3)}`)),
    h("p", { class: "muted", style: "margin-top:8px" }, "SHAP values add up to each case's prediction minus the average prediction, so every bar is a share of real predicted waiting, not a correlation."));
}
