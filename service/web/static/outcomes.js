/* An upload's outcome in words (GET /api/documents/uploads rows): a badge and its reason, for the batch
   table and the list of one's uploads alike. */
"use strict";
window.HKDOutcome = (function () {
  const { t, el } = HKD;
  const BADGE = { working: "", waiting_review: "ok", layout_uncertain: "warn", approved: "ok", not_a_certificate: "bad", unreadable: "bad", failed: "bad", rejected: "bad" };
  const FINAL = new Set(["approved", "rejected", "failed"]);
  /** "the clerk must act on it": the file is no certificate the register can take as it is. */
  const PROBLEM = new Set(["not_a_certificate", "unreadable", "failed", "rejected"]);
  function stepText(u) {
    const step = u.step || "queued";
    if (step === "done" || step === "succeeded") return t("outcome.working");
    const total = u.pages_total || u.page_count || 1;
    const pages = total > 1 || step === "ocr" ? " (" + (u.pages_done || 0) + "/" + total + ")" : "";
    const label = t("step." + step);
    return (label === "step." + step ? t("outcome.working") : label) + pages;
  }
  function badge(u) {
    const text = u.outcome === "working" ? stepText(u) : t("outcome." + u.outcome);
    return el("span", { class: "badge outcome " + (BADGE[u.outcome] || ""), "data-outcome": u.outcome, text });
  }
  /** The reason (or the business it went to); `links.business`: the role may open business pages. */
  function reason(u, links) {
    if (u.outcome === "rejected") return el("span", { class: "reason", text: t("upload.reason_reviewer", { reason: HKD.nfc(u.reason || "") }) });
    if (u.outcome === "approved" && u.business_id) {
      const label = t("upload.business", { id: u.business_id });
      return links && links.business ? el("a", { href: "/businesses/" + u.business_id, class: "reason" }, label) : el("span", { class: "reason", text: label });
    }
    if (u.reason_code) {
      const key = "reason." + u.reason_code;
      return el("span", { class: "reason", text: t(key) === key ? t("reason.failed") : t(key) });
    }
    return el("span", { class: "reason muted" });
  }
  return { badge, reason, FINAL, PROBLEM };
})();
