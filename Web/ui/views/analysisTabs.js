// The header and tabs every analysis page shares.
import { h } from "../dom.js";

const tabs = [
  ["explorer", "Process explorer", ""],
  ["why", "Why this bottleneck?", "/why"],
  ["dashboards", "Role dashboards", "/dashboards"],
  ["provenance", "Provenance", "/provenance"],
];

export function analysisHeader(id, current, title, subtitle) {
  const base = `#/analyses/${encodeURIComponent(id)}`;
  return [
    h("div", { class: "page-head" },
      h("div", {}, h("div", { class: "breadcrumbs" }, h("a", { href: "#/" }, "Analyses"), " / ", title),
        h("h1", {}, tabs.find(([key]) => key === current)?.[1] ?? title), subtitle ? h("p", { class: "muted" }, subtitle) : null)),
    h("nav", { class: "tabs", "aria-label": "Analysis sections" },
      tabs.map(([key, label, suffix]) => h("a", { href: base + suffix, "aria-current": key === current ? "page" : null, "data-tab": key }, label))),
  ];
}

/** Turns an SVG document from the server into a node, without any script it might carry. */
export function svgNode(text, label) {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = doc.documentElement;
  if (!svg || svg.nodeName !== "svg") return null;
  for (const script of svg.querySelectorAll("script, foreignObject")) script.remove();
  for (const element of svg.querySelectorAll("*")) {
    for (const attribute of [...element.attributes]) if (attribute.name.startsWith("on")) element.removeAttribute(attribute.name);
  }
  const node = document.importNode(svg, true);
  node.setAttribute("role", "img");
  node.setAttribute("aria-label", label);
  return node;
}
