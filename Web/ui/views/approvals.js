// The approval queue: what the agents propose that policy says a person must approve.
import { api, session } from "../api.js";
import { h, mount, empty, failure, announce } from "../dom.js";
import { dateTime } from "../format.js";
import { statusTone, statusLabel } from "./exceptions.js";
import { isCurrent } from "../app.js";

const toDate = (value) => typeof value === "number" ? new Date(value * 1000).toISOString() : value;

export async function renderApprovals(main, _params, token) {
  const status = new URLSearchParams(location.hash.split("?")[1] ?? "").get("status") ?? "pending";
  const list = await api.approvals(status === "all" ? "" : status);
  if (!isCurrent(token)) return;
  const items = Array.isArray(list) ? list : list.items ?? [];
  const canDecide = session.role === "operator" || session.role === "admin";
  mount(main,
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, "Approvals"),
      h("p", { class: "muted" }, "The agents never act on these without a person's decision. Approving resumes the exception's pipeline."))),
    !canDecide ? h("p", { class: "state" }, "Your role can read approvals but not decide them.") : null,
    items.length === 0 ? empty("Nothing waits for approval", "When policy requires a person's approval, the request appears here.") :
      h("div", { class: "grid grid-2", "data-testid": "approvals" }, items.map((request) => approvalCard(request, canDecide))));
}

function approvalCard(request, canDecide) {
  const comment = h("textarea", { id: `comment-${request.id}`, rows: "2", style: "width:100%" });
  const status = h("div", { "aria-live": "polite" });
  const badge = h("span", { class: `badge ${statusTone(request.status)}`, "data-testid": "approval-status" }, statusLabel(request.status));
  const decide = async (decision) => {
    mount(status);
    try {
      const updated = await api.decide(request.id, decision, session.tenant ? `${session.role}@${session.tenant}` : "ui", comment.value);
      const newStatus = updated?.status ?? (decision === "approve" ? "approved" : "rejected");
      badge.className = `badge ${statusTone(newStatus)}`;
      badge.textContent = statusLabel(newStatus);
      for (const button of card.querySelectorAll("button")) button.disabled = true;
      announce(`${request.exceptionId} ${statusLabel(newStatus)}`);
    } catch (error) { mount(status, failure(error)); }
  };
  const pending = String(request.status).toUpperCase() === "PENDING";
  const card = h("section", { class: "card", "data-approval": request.id, "aria-labelledby": `approval-${request.id}` },
    h("div", { class: "page-head", style: "margin-bottom:8px" },
      h("h2", { id: `approval-${request.id}` }, h("a", { href: `#/exceptions/${encodeURIComponent(request.exceptionId)}`, class: "mono" }, request.exceptionId)), badge),
    h("dl", { class: "kv" },
      h("dt", {}, "Playbook"), h("dd", { class: "mono" }, request.playbookId ?? "—"),
      h("dt", {}, "Why approval"), h("dd", {}, request.reason),
      h("dt", {}, "Requested"), h("dd", {}, dateTime(toDate(request.requestedAt))),
      h("dt", {}, "Decide by"), h("dd", {}, dateTime(toDate(request.deadline)))),
    canDecide && pending ? [
      h("div", { class: "field", style: "margin-top:12px" }, h("label", { for: `comment-${request.id}` }, "Comment (recorded in the audit)"), comment),
      h("div", { class: "actions" },
        h("button", { type: "button", class: "good", "data-decision": "approve", onclick: () => decide("approve") }, "✓ Approve"),
        h("button", { type: "button", class: "danger", "data-decision": "reject", onclick: () => decide("reject") }, "✗ Reject")),
    ] : null,
    status);
  return card;
}
