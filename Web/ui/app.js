// The workspace shell: sign-in, navigation and a hash router over the views.
import { api, session, ApiError } from "./api.js";
import { h, mount, loading, failure } from "./dom.js";
import { renderSignIn } from "./views/signin.js";
import { renderHome } from "./views/home.js";
import { renderExplorer } from "./views/explorer.js";
import { renderWhy } from "./views/why.js";
import { renderDashboards } from "./views/dashboards.js";
import { renderProvenance } from "./views/provenance.js";
import { renderExceptions, renderException } from "./views/exceptions.js";
import { renderApprovals } from "./views/approvals.js";

const routes = [
  [/^#?\/?$/, "home", () => renderHome],
  [/^#\/analyses\/([^/]+)$/, "home", () => renderExplorer],
  [/^#\/analyses\/([^/]+)\/why$/, "home", () => renderWhy],
  [/^#\/analyses\/([^/]+)\/dashboards(?:\/([a-z]+))?$/, "home", () => renderDashboards],
  [/^#\/analyses\/([^/]+)\/provenance$/, "home", () => renderProvenance],
  [/^#\/exceptions$/, "exceptions", () => renderExceptions],
  [/^#\/exceptions\/([^/]+)$/, "exceptions", () => renderException],
  [/^#\/approvals$/, "approvals", () => renderApprovals],
];

const main = document.getElementById("main");
let generation = 0;

/** Whether a view started for `token` is still the one on screen (navigation cancels stale work). */
export function isCurrent(token) { return token === generation; }

async function signedIn() {
  if (!session.key) return false;
  if (session.tenant) return true;
  try {
    const me = await api.me();
    session.tenant = me.tenant;
    session.role = me.role;
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) { session.key = null; return false; }
    throw error;
  }
}

function renderSession() {
  const nav = document.getElementById("main-nav");
  const box = document.getElementById("session");
  if (!session.tenant) { nav.hidden = true; mount(box); return; }
  nav.hidden = false;
  mount(box,
    h("span", {}, "Tenant ", h("strong", { "data-testid": "tenant" }, session.tenant)),
    h("span", { class: "badge", title: "Your role" }, session.role),
    h("button", { type: "button", onclick: () => { session.key = null; session.tenant = null; location.hash = "#/"; route(); } }, "Sign out"));
}

async function route() {
  const token = ++generation;
  const hash = location.hash || "#/";
  mount(main, loading());
  try {
    if (!(await signedIn())) {
      renderSession();
      document.title = "Sign in — Tracewise";
      renderSignIn(main, () => route());
      return;
    }
    renderSession();
    for (const [pattern, section, view] of routes) {
      const match = hash.match(pattern);
      if (!match) continue;
      for (const link of document.querySelectorAll("[data-nav]")) {
        if (link.dataset.nav === section) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
      }
      await view()(main, match.slice(1).map((part) => part && decodeURIComponent(part)), token);
      if (isCurrent(token)) main.focus({ preventScroll: true });
      return;
    }
    mount(main, h("div", { class: "state" }, h("h1", {}, "This page does not exist"), h("p", {}, h("a", { href: "#/" }, "Go to your analyses"))));
  } catch (error) {
    if (isCurrent(token)) mount(main, failure(error, () => route()));
  }
}

window.addEventListener("hashchange", route);
route();
