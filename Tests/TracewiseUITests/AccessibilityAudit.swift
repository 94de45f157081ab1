/// Accessibility rules evaluated inside the page, in the spirit of axe-core's: labels, names, landmarks,
/// headings, table headers, unique ids, language and WCAG AA text contrast. Returns one line per violation.
enum AccessibilityAudit {
    static let script = #"""
    const problems = [];
    const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none"; };
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "");
    const nameOf = (el) => (el.getAttribute("aria-label") || "").trim() ||
      (el.getAttribute("aria-labelledby") || "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ").trim() ||
      (el.textContent || "").trim() || (el.getAttribute("title") || "").trim() || (el.getAttribute("alt") || "").trim();
    if (!document.documentElement.lang) problems.push("html has no lang");
    if (document.querySelectorAll("main").length !== 1) problems.push("page needs exactly one main landmark");
    if (!document.querySelector("header[role=banner], header")) problems.push("page has no banner");
    for (const nav of document.querySelectorAll("nav")) if (visible(nav) && !nav.getAttribute("aria-label")) problems.push("nav without aria-label");
    if (!document.querySelector("main h1")) problems.push("main has no h1");
    for (const el of document.querySelectorAll("input, select, textarea")) {
      if (el.type === "hidden" || !visible(el)) continue;
      const labelled = (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)) || el.closest("label") ||
        el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
      if (!labelled) problems.push("form control without label: " + describe(el));
    }
    for (const el of document.querySelectorAll("button, a[href], [role=button]")) {
      if (visible(el) && !nameOf(el)) problems.push("control without accessible name: " + describe(el));
    }
    for (const el of document.querySelectorAll("svg[role=img], img")) {
      if (!(el.getAttribute("aria-label") || el.getAttribute("alt") !== null)) problems.push("image without text alternative: " + describe(el));
    }
    for (const table of document.querySelectorAll("table")) {
      if (!visible(table)) continue;
      if (!table.querySelector("th")) problems.push("table without header cells");
      for (const th of table.querySelectorAll("thead th")) if (!th.getAttribute("scope")) { problems.push("th without scope"); break; }
    }
    const ids = new Map();
    for (const el of document.querySelectorAll("[id]")) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
    for (const [id, n] of ids) if (n > 1 && !document.querySelector("svg [id='" + id + "']")) problems.push("duplicate id: " + id);
    const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(",").map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
    const lum = ({ r, g, b }) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
    const background = (el) => { for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
        const c = parse(getComputedStyle(node).backgroundColor); if (c && c.a > 0.5) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
    let checked = 0;
    for (const el of document.querySelectorAll("main *, header *")) {
      if (el.closest("svg") || !visible(el)) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own) continue;
      const style = getComputedStyle(el);
      if (parseFloat(style.opacity) < 1 || el.closest("button:disabled")) continue;
      const fg = parse(style.color); if (!fg) continue;
      const bg = background(el);
      const l1 = lum(fg), l2 = lum(bg);
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
      const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      checked += 1;
      if (ratio < needed) problems.push(`contrast ${ratio.toFixed(2)} < ${needed} for "${el.textContent.trim().slice(0, 40)}" (${describe(el)})`);
    }
    if (checked === 0) problems.push("no text was checked for contrast");
    return problems;
    """#
}
