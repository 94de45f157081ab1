// Sign-in: the person pastes the API key that `tracewise-server` printed (or an admin created).
import { api, session, ApiError } from "../api.js";
import { h, mount, failure } from "../dom.js";

export function renderSignIn(main, done) {
  const input = h("input", { type: "password", id: "api-key", name: "api-key", autocomplete: "off", required: true, "aria-describedby": "api-key-hint" });
  const message = h("div", { "aria-live": "assertive" });
  const form = h("form", { class: "card", "aria-labelledby": "signin-title", onsubmit: async (event) => {
    event.preventDefault();
    mount(message);
    session.key = input.value.trim();
    try {
      const me = await api.me();
      session.tenant = me.tenant;
      session.role = me.role;
      done();
    } catch (error) {
      session.key = null;
      mount(message, failure(error instanceof ApiError && error.status === 401
        ? { title: "That key was not accepted", detail: "Check that you copied the whole key, without spaces." } : error));
    }
  } },
    h("h1", { id: "signin-title" }, "Sign in to Tracewise"),
    h("p", { class: "muted" }, "Explainable process mining and governed exception handling."),
    h("div", { class: "field" }, h("label", { for: "api-key" }, "API key"), input,
      h("p", { id: "api-key-hint", class: "muted", style: "margin-top:4px;font-size:0.88rem" },
        "tracewise-server prints a demo key when it starts; an admin can create one with ",
        h("code", {}, "tracewise-server keys create"), ".")),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "sign-in" }, "Sign in")),
    message);
  mount(main, h("section", { class: "signin" }, form));
  input.focus();
}
