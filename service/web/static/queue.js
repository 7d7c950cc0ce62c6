/* Review queue: risk order from the API; who holds a claim and until when. */
"use strict";
(function () {
  const { t, el, api } = HKD;
  const rows = document.getElementById("queue-rows");
  const status = document.getElementById("queue-status");
  async function load() {
    const r = await api("GET", "/api/review/queue");
    if (!r.ok) { rows.replaceChildren(el("tr", {}, el("td", { colspan: "7", text: HKD.problemText(r) }))); return; }
    const items = r.data.items || [];
    status.textContent = items.length ? t("total") + " " + (r.data.total ?? items.length) : status.dataset.empty;
    rows.replaceChildren(...items.map((it) => {
      const conf = it.min_confidence === null || it.min_confidence === undefined ? "" : Math.round(it.min_confidence * 100) + "%";
      return el("tr", { class: it.claimed_by ? "claimed" : "", "data-document-id": it.document_id },
        el("td", {}, el("a", { href: "/review/" + it.document_id }, "#" + it.document_id + " " + HKD.nfc(it.original_name))),
        el("td", {}, it.layout && it.layout !== "unrecognised" ? t("layout." + it.layout) + " " : "",
          it.outcome === "layout_uncertain" ? el("span", { class: "badge warn", "data-outcome": it.outcome, text: t("outcome.layout_uncertain") }) : ""),
        el("td", {}, it.errors ? el("span", { class: "badge bad", text: String(it.errors) }) : "0"),
        el("td", { text: String(it.fields_to_review ?? "") }),
        el("td", { text: conf }),
        el("td", { text: it.claimed_by ? it.claimed_by + (it.claim_expires_at ? " → " + HKD.formatDate(it.claim_expires_at, true).slice(11) : "") : "" }),
        el("td", { text: HKD.formatDate(it.created_at, true) }));
    }));
  }
  load();
  setInterval(load, 15000);
})();
