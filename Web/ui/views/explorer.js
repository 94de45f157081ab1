// Process explorer: KPIs, filters (time range, attribute values) that re-run the analysis, the process map
// with activity and path sliders (simplified server-side), the map as a table, and the variants with
// coverage (paged).
import { api } from "../api.js";
import { h, mount, loading, failure, empty, announce } from "../dom.js";
import { count, duration, percent } from "../format.js";
import { analysisHeader, svgNode } from "./analysisTabs.js";
import { isCurrent } from "../app.js";
import { filterCard, describeFilters } from "./filters.js";

const PAGE = 25;

export async function renderExplorer(main, [id], token) {
  const [analysis, facts] = await Promise.all([api.analysis(id), api.result(id, "facts")]);
  if (!isCurrent(token)) return;
  const mapBox = h("div", { id: "map-box" }, loading("Drawing the map…"));
  const variantsBox = h("div", { id: "variants-box" }, loading("Loading variants…"));
  const activities = slider("activities", "Activities", 100);
  const paths = slider("paths", "Paths", 40);
  let showTable = false;
  const tableToggle = h("button", { type: "button", "aria-pressed": "false", id: "map-as-table" }, "Show as table");
  const redraw = debounce(() => drawMap(id, mapBox, activities.input.value, paths.input.value, showTable, token), 150);
  activities.input.addEventListener("input", () => { activities.sync(); redraw(); });
  paths.input.addEventListener("input", () => { paths.sync(); redraw(); });
  tableToggle.addEventListener("click", () => {
    showTable = !showTable;
    tableToggle.setAttribute("aria-pressed", String(showTable));
    tableToggle.textContent = showTable ? "Show as map" : "Show as table";
    redraw();
  });
  const filtered = describeFilters(analysis.options?.filters);
  mount(main,
    analysisHeader(id, "explorer", analysis.logName ?? analysis.logId ?? id, `${count(facts.caseCount)} cases · ${count(facts.eventCount)} events${facts.firstDay ? ` · ${facts.firstDay} to ${facts.lastDay}` : ""}${filtered ? ` · filtered: ${filtered}` : ""}`),
    kpiList(facts),
    filterCard(analysis, token),
    h("div", { class: "explorer" },
      h("section", { class: "card", "aria-labelledby": "map-title" },
        h("div", { class: "page-head", style: "margin-bottom:8px" }, h("h2", { id: "map-title" }, "Process map"), tableToggle),
        h("div", { class: "field-row", style: "margin-bottom:12px" }, activities.node, paths.node),
        mapBox),
      h("div", {},
        h("section", { class: "card", "aria-labelledby": "variants-title" }, h("h2", { id: "variants-title" }, "Variants"), variantsBox))));
  await Promise.all([drawMap(id, mapBox, 100, 40, false, token), drawVariants(id, variantsBox, 0, facts.caseCount, token)]);
}

function kpiList(facts) {
  const cycle = facts.cycleTime ?? {};
  const item = (label, value, hint, key) => h("div", { class: "kpi", "data-kpi": key }, h("dt", {}, label), h("dd", {}, value), hint ? h("div", { class: "hint" }, hint) : null);
  return h("dl", { class: "kpis", "aria-label": "Key figures" },
    item("Cases", count(facts.caseCount), null, "cases"),
    item("Events", count(facts.eventCount), `${(facts.eventCount / Math.max(1, facts.caseCount)).toFixed(1)} per case`, "events"),
    item("Median cycle time", duration(cycle.medianSeconds), `mean ${duration(cycle.meanSeconds)}`, "median"),
    item("90th percentile", duration(cycle.p90Seconds), `95th: ${duration(cycle.p95Seconds)}`, "p90"),
    item("Throughput", `${Number(facts.casesPerWeek ?? NaN).toLocaleString("en-US", { maximumFractionDigits: 1 })} / week`, "cases started per week", "throughput"),
    item("Rework", percent(facts.rework?.caseShare), `${count(facts.rework?.casesWithRework)} cases repeat an activity`, "rework"),
    item("Waiting in total", duration(facts.totalWaitingSeconds), "time cases spent between activities", "waiting"));
}

function slider(name, label, value) {
  const id = `slider-${name}`;
  const input = h("input", { type: "range", id, min: "1", max: "100", step: "1", value: String(value), "aria-describedby": `${id}-help` });
  const output = h("output", { for: id }, `${value} %`);
  const sync = () => { output.textContent = `${input.value} %`; input.setAttribute("aria-valuetext", `${input.value} percent of ${label.toLowerCase()}`); };
  sync();
  return { input, sync, node: h("div", { class: "slider" }, h("label", { for: id }, label), input, output,
    h("span", { id: `${id}-help`, class: "visually-hidden" }, `Share of ${label.toLowerCase()} to show, most frequent first`)) };
}

async function drawMap(id, box, activities, paths, asTable, token) {
  try {
    if (asTable) {
      const map = await api.result(id, "map", { activities, paths });
      if (!isCurrent(token)) return;
      mount(box, mapTable(map));
    } else {
      const svg = await api.result(id, "map.svg", { activities, paths });
      if (!isCurrent(token)) return;
      const node = svgNode(svg, `Process map with ${activities} % of activities and ${paths} % of paths`);
      mount(box, node ? h("div", { class: "map-wrap", "data-testid": "map" }, node) : failure({ title: "The map could not be drawn" }));
    }
    announce(`Map updated: ${activities} % of activities, ${paths} % of paths`);
  } catch (error) { if (isCurrent(token)) mount(box, failure(error)); }
}

function mapTable(map) {
  const nodes = map.activities ?? [];
  const edges = map.paths ?? [];
  return h("div", { "data-testid": "map-table" },
    h("table", {}, h("caption", {}, `Activities (${nodes.length})`),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Activity"), h("th", { scope: "col", class: "num" }, "Frequency"))),
      h("tbody", {}, nodes.map((node) => h("tr", {}, h("td", {}, node.name), h("td", { class: "num" }, count(node.frequency)))))),
    h("table", { style: "margin-top:16px" }, h("caption", {}, `Paths (${edges.length})`),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "From"), h("th", { scope: "col" }, "To"), h("th", { scope: "col", class: "num" }, "Cases"), h("th", { scope: "col", class: "num" }, "Mean time"))),
      h("tbody", {}, edges.map((edge) => h("tr", {}, h("td", {}, edge.from), h("td", {}, edge.to), h("td", { class: "num" }, count(edge.frequency)),
        h("td", { class: "num" }, duration(edge.meanSeconds)))))));
}

async function drawVariants(id, box, offset, cases, token) {
  mount(box, loading("Loading variants…"));
  try {
    const page = await api.result(id, "variants", { offset, limit: PAGE });
    if (!isCurrent(token)) return;
    const items = page.variants ?? [];
    if (!items.length) { mount(box, empty("No variants", "This log has no cases.")); return; }
    const total = page.total ?? items.length;
    mount(box,
      h("p", { class: "muted" }, `${count(total)} variants, most frequent first. Coverage is the share of cases following this variant or a more frequent one.`),
      h("table", { "data-testid": "variants" }, h("caption", { class: "visually-hidden" }, "Variants, most frequent first"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", class: "num" }, "#"), h("th", { scope: "col" }, "Path"), h("th", { scope: "col", class: "num" }, "Cases"), h("th", { scope: "col", class: "num" }, "Coverage"))),
        h("tbody", {}, items.map((variant, index) => h("tr", { "data-variant": "" },
          h("td", { class: "num" }, count(offset + index + 1)),
          h("td", { class: "variant-path" }, `${variant.activities.length} steps: ${variant.activities.join(" → ")}`),
          h("td", { class: "num" }, `${count(variant.count)} (${percent(variant.count / Math.max(1, cases))})`),
          h("td", { class: "num" }, percent(((page.casesBefore ?? 0) + items.slice(0, index + 1).reduce((sum, v) => sum + v.count, 0)) / Math.max(1, cases))))))),
      h("div", { class: "pager" },
        h("span", { class: "muted" }, `${count(offset + 1)}–${count(Math.min(offset + PAGE, total))} of ${count(total)}`),
        h("button", { type: "button", disabled: offset === 0, onclick: () => drawVariants(id, box, Math.max(0, offset - PAGE), cases, token) }, "Previous"),
        h("button", { type: "button", id: "variants-next", disabled: offset + PAGE >= total, onclick: () => drawVariants(id, box, offset + PAGE, cases, token) }, "Next")));
  } catch (error) { if (isCurrent(token)) mount(box, failure(error)); }
}

function debounce(fn, ms) {
  let timer;
  return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
}
