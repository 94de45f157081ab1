// Small DOM helpers: every text goes through textContent, never innerHTML.

/** Creates an element: h("a", {href: "#/"}, "Home"). Attributes starting with "on" become listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") element.addEventListener(key.slice(2), value);
    else if (key === "class") element.className = value;
    else if (key === "dataset") Object.assign(element.dataset, value);
    else if (value === true) element.setAttribute(key, "");
    else element.setAttribute(key, String(value));
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `parent`. */
export function mount(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
  return parent;
}

/** A loading state with a visible, announced message. */
export function loading(message = "Loading…") {
  return h("div", { class: "state state-loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), " ", message);
}

/** An empty state: what is missing and what to do about it. */
export function empty(title, hint, ...actions) {
  return h("div", { class: "state state-empty" }, h("h3", {}, title), hint ? h("p", { class: "muted" }, hint) : null,
    actions.length ? h("div", { class: "actions", style: "justify-content:center" }, actions) : null);
}

/** An error state from an ApiError or any Error: the message a person can act on, never a stack trace. */
export function failure(error, retry) {
  const title = error?.title ?? "Something went wrong";
  const detail = error?.detail ?? error?.message ?? String(error);
  return h("div", { class: "state state-error", role: "alert" }, h("strong", {}, title), h("span", {}, detail),
    error?.code ? h("div", { class: "muted mono" }, `code: ${error.code}`) : null,
    retry ? h("div", { class: "actions", style: "margin-top:8px" }, h("button", { type: "button", onclick: retry }, "Try again")) : null);
}

/** Announces a message to screen readers through the polite live region. */
export function announce(message) {
  const region = document.getElementById("announcer");
  if (region) { region.textContent = ""; setTimeout(() => { region.textContent = message; }, 30); }
}

/** Shows a short toast that disappears on its own. */
export function toast(message) {
  const node = h("div", { class: "toast", role: "status" }, message);
  document.body.append(node);
  setTimeout(() => node.remove(), 4000);
}
