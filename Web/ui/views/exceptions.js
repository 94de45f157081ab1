// Exceptions: the list with status filters, and one exception's decision timeline, evidence and audit trail.
import { api } from "../api.js";
import { h, mount, empty } from "../dom.js";
import { dateTime } from "../format.js";
import { isCurrent } from "../app.js";

export const statusTone = (status) => ({
  OPEN: "", RESOLVED: "good", CLOSED: "good", PENDING_APPROVAL: "warn", ESCALATED: "bad", NEEDS_HUMAN_ACTION: "warn",
  INFORMATIONAL: "", REJECTED: "bad", APPROVED: "good", PENDING: "warn", EXPIRED: "bad", pending: "warn", approved: "good", rejected: "bad", expired: "bad",
}[status] ?? "");

export const statusLabel = (status) => String(status ?? "—").toLowerCase().replaceAll("_", " ");

/** The outcome's exception, whichever of the two shapes the server returns (outcome or outcome + history). */
export function outcomeOf(item) { return item.outcome ?? item; }

export async function renderExceptions(main, _params, token) {
  const [list, audit] = await Promise.all([api.exceptions(), api.verifyAudit().catch((error) => ({ error }))]);
  if (!isCurrent(token)) return;
  const items = (Array.isArray(list) ? list : list.items ?? []).map(outcomeOf);
  const statuses = [...new Set(items.map((item) => item.exception?.resolutionStatus ?? item.resolutionStatus))].sort();
  const filter = h("select", { id: "status-filter" }, h("option", { value: "" }, "All statuses"), statuses.map((s) => h("option", { value: s }, statusLabel(s))));
  const tableBox = h("div", {});
  const draw = () => {
    const shown = items.filter((item) => !filter.value || (item.exception?.resolutionStatus ?? item.resolutionStatus) === filter.value);
    mount(tableBox, shown.length === 0 ? empty("No exceptions", "Exceptions submitted to this tenant appear here.") :
      h("table", { "data-testid": "exceptions" }, h("caption", { class: "visually-hidden" }, "Exceptions"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Exception"), h("th", { scope: "col" }, "Type"), h("th", { scope: "col" }, "Severity"), h("th", { scope: "col" }, "Status"), h("th", { scope: "col" }, "Raised"))),
        h("tbody", {}, shown.map((item) => {
          const exception = item.exception ?? item;
          const status = exception.resolutionStatus;
          return h("tr", {}, h("td", {}, h("a", { href: `#/exceptions/${encodeURIComponent(exception.exceptionId)}`, class: "mono" }, exception.exceptionId)),
            h("td", {}, exception.exceptionType), h("td", {}, statusLabel(exception.severity)),
            h("td", {}, h("span", { class: `badge ${statusTone(status)}` }, statusLabel(status))), h("td", {}, dateTime(exception.timestamp)));
        }))));
  };
  filter.addEventListener("change", draw);
  draw();
  mount(main,
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, "Exceptions"), h("p", { class: "muted" }, `${items.length} exceptions handled by the agents for this tenant.`)), auditBadge(audit)),
    h("section", { class: "card" }, h("div", { class: "field" }, h("label", { for: "status-filter" }, "Status"), filter), tableBox));
}

export function auditBadge(audit) {
  if (audit?.error) return h("span", { class: "badge warn", "data-testid": "audit-status" }, "audit not verified");
  const ok = audit?.verified ?? audit?.ok ?? audit?.valid;
  return h("span", { class: `badge ${ok ? "good" : "bad"}`, "data-testid": "audit-status", title: audit?.detail ?? "" },
    ok ? `✓ audit chain verified${audit?.records ? ` (${audit.records} records)` : ""}` : `✗ audit chain broken${audit?.firstBadRecord ? ` at ${audit.firstBadRecord}` : ""}`);
}

export async function renderException(main, [id], token) {
  const item = await api.exception(id);
  if (!isCurrent(token)) return;
  const outcome = outcomeOf(item);
  const exception = outcome.exception ?? {};
  const history = item.history ?? item.statusHistory ?? [];
  const trail = item.audit ?? item.auditTrail ?? exception.auditTrail ?? [];
  mount(main,
    h("div", { class: "page-head" }, h("div", {}, h("div", { class: "breadcrumbs" }, h("a", { href: "#/exceptions" }, "Exceptions"), " / ", id),
      h("h1", {}, `${exception.exceptionType ?? "Exception"} `, h("span", { class: "mono" }, id)),
      h("p", {}, h("span", { class: `badge ${statusTone(exception.resolutionStatus)}`, "data-testid": "exception-status" }, statusLabel(exception.resolutionStatus)),
        " ", h("span", { class: "muted" }, `severity ${statusLabel(exception.severity)} · from ${exception.sourceSystem ?? "—"} · ${dateTime(exception.timestamp)}`)))),
    h("div", { class: "grid grid-2" },
      h("section", { class: "card", "aria-labelledby": "timeline-title" },
        h("h2", { id: "timeline-title" }, "Decision timeline"),
        h("ol", { class: "timeline", "data-testid": "timeline" }, (outcome.decisions ?? []).map((step) =>
          h("li", {}, h("strong", {}, statusLabel(step.stage)), " — ", h("span", {}, statusLabel(step.decision?.decision)),
            h("span", { class: "muted" }, ` (confidence ${Math.round((step.decision?.confidence ?? 0) * 100)} %)`),
            h("ul", {}, (step.decision?.evidence ?? []).map((line) => h("li", { class: "muted" }, line))))))),
      h("div", {},
        h("section", { class: "card", "aria-labelledby": "plan-title" },
          h("h2", { id: "plan-title" }, "Proposed action"),
          h("dl", { class: "kv" },
            h("dt", {}, "Actionability"), h("dd", {}, statusLabel(outcome.actionability)),
            h("dt", {}, "Playbook"), h("dd", { class: "mono" }, outcome.playbookId ?? "none"),
            h("dt", {}, "Needs approval because"), h("dd", {}, (outcome.approvalReasons ?? []).join("; ") || "—"))),
        history.length ? h("section", { class: "card", "aria-labelledby": "history-title" },
          h("h2", { id: "history-title" }, "Status history"),
          h("ol", { class: "timeline" }, history.map((entry) => h("li", {}, h("strong", {}, statusLabel(entry.status)), " ", h("span", { class: "muted" }, dateTime(entry.at ?? entry.timestamp)))))) : null,
        h("section", { class: "card", "aria-labelledby": "trail-title" },
          h("h2", { id: "trail-title" }, "Audit trail"),
          h("table", {}, h("caption", { class: "visually-hidden" }, "Audit trail"),
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Stage"), h("th", { scope: "col" }, "What happened"), h("th", { scope: "col" }, "When"))),
            h("tbody", {}, trail.map((entry) => h("tr", {}, h("td", {}, statusLabel(entry.stage)), h("td", {}, entry.summary ?? entry.decision ?? ""), h("td", {}, dateTime(entry.timestamp))))))))));
}
