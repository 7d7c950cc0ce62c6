/* Business page: current data, history with diffs, source scans; events with the version (409 → message). */
"use strict";
(function () {
  const { t, el, api, banner } = HKD;
  /** A diff entry as [before, after], whatever the register calls them. */
  function pair(v) {
    if (Array.isArray(v)) return [v[0], v[1]];
    if (v && typeof v === "object") return [v.old ?? v.before ?? v.from ?? v.previous, v.new ?? v.after ?? v.to ?? v.current];
    return [undefined, v];
  }
  const root = document.getElementById("business");
  const id = root.dataset.businessId;
  const seesScans = root.dataset.scans === "1";  // scans carry personal data: reviewers only, like the API
  const bannerBox = document.getElementById("b-banner");
  const DATE = /(_on|birth_date|_from|_to|valid_from|valid_to)$/;
  const FIELDS = ["registration_number", "business_name", "address", "business_lines", "capital_vnd", "employees", "first_registered_on", "amendment_number", "amended_on", "owner.full_name", "owner.birth_date", "owner.id_number", "owner.permanent_address", "phone", "email"];

  function getPath(o, p) { return p.split(".").reduce((x, k) => (x == null ? undefined : x[k]), o); }
  function show(path, v) {
    if (v === null || v === undefined) return "";
    if (path === "status") return t("status." + v) === "status." + v ? String(v) : t("status." + v);
    if (Array.isArray(v)) return v.map((x) => (typeof x === "object" && x ? [x.code, x.name || x.full_name].filter(Boolean).join(" – ") : String(x))).join("; ");
    if (typeof v === "object") return Object.entries(v).map(([k, x]) => k + ": " + show(k, x)).join(", ");
    if (/capital/.test(path)) return HKD.formatMoney(v);
    if (DATE.test(path) || /^\d{4}-\d{2}-\d{2}$/.test(String(v))) return HKD.formatDate(v);
    return HKD.nfc(v);
  }
  function diffTable(diff) {
    if (!diff) return null;
    const entries = Array.isArray(diff) ? diff.map((d) => [d.field || d.path, ...pair(d)]) : Object.entries(diff).map(([k, v]) => [k, ...pair(v)]);
    // A first version "changes" everything from nothing: the current data already shows it.
    if (!entries.length || entries.every(([, o]) => o === null || o === undefined)) return null;
    return el("table", { class: "grid small diff" }, el("tbody", {}, entries.map(([k, o, n]) => el("tr", {},
      el("td", { text: k === "status" ? t("col_status") : t("field." + k) === "field." + k ? k : t("field." + k) }), el("td", {}, el("del", { text: show(k, o) || "—" })), el("td", {}, el("ins", { text: show(k, n) || "—" }))))));
  }

  async function load() {
    const [b, h] = await Promise.all([api("GET", "/api/businesses/" + id), api("GET", "/api/businesses/" + id + "/history")]);
    const current = document.getElementById("b-current");
    if (!b.ok) {
      current.replaceChildren(el("dd", { class: "muted", text: b.status === 404 ? t("no_business") : HKD.problemText(b) }));
      document.getElementById("b-history").replaceChildren(el("li", { class: "muted", text: t("no_history") }));
      if (seesScans) document.getElementById("b-sources").replaceChildren(el("li", { class: "muted", text: t("none") }));
      return;
    }
    const data = b.data;
    version = data.version ?? data.current_version ?? null;
    if (form) form.hidden = false;
    const rec = data.record || data.current || data;
    document.getElementById("b-name").textContent = HKD.nfc(getPath(rec, "business_name") || data.business_name || "");
    const facts = [];
    if (data.status) facts.push(el("dt", { text: t("col_status") }), el("dd", {}, el("span", { class: "badge " + (data.status === "active" ? "ok" : "warn"), id: "b-status", text: t("status." + data.status) })));
    for (const p of FIELDS) {
      const v = getPath(rec, p);
      if (v === undefined || v === null || (Array.isArray(v) && !v.length)) continue;
      facts.push(el("dt", { text: t("field." + p) }), el("dd", { "data-field": p, text: show(p, v) }));
    }
    current.replaceChildren(...facts);
    const items = h.ok ? (h.data.items || h.data.versions || h.data || []) : [];
    const sources = new Set();
    document.getElementById("b-history").replaceChildren(...(items.length ? items.map((v) => {
      const doc = v.document_id || v.source_document_id;
      if (doc) sources.add(doc);
      const from = v.valid_from || v.effective_on || (v.valid && v.valid.lower) || v.created_at;
      const kind = v.kind || v.event || "";
      const kindText = t("kind." + kind) === "kind." + kind ? kind : t("kind." + kind);
      // valid_until is the last day (inclusive): "đến ngày 31/12" ends on 31/12, not 30/12.
      const span = (from ? t("col_valid") + " " + HKD.formatDate(from) : "") + (v.valid_until ? " " + t("business.until", { date: HKD.formatDate(v.valid_until) }) : "");
      return el("li", { "data-version": v.version ?? "", "data-kind": kind, class: v.scheduled ? "is-scheduled" : null }, el("strong", {}, t("col_version") + " " + (v.version ?? v.number ?? "") + " · " + kindText + (v.amendment_number ? " " + v.amendment_number : "")),
        " ", v.scheduled ? el("span", { class: "badge scheduled", text: t("business.scheduled") }) : null,
        " ", el("span", { class: "muted valid", text: span }),
        v.approved_by_name || v.approved_by ? el("span", { class: "muted", text: " · " + (v.approved_by_name || v.approved_by) }) : null,
        v.note ? el("p", { class: "note" }, t("business.note") + " " + HKD.nfc(v.note)) : null,
        diffTable(v.diff), doc && seesScans ? el("p", {}, el("a", { href: "/review/" + doc }, t("open_doc") + " #" + doc)) : null);
    }) : [el("li", { class: "muted", text: t("no_history") })]));
    if (seesScans) document.getElementById("b-sources").replaceChildren(...(sources.size ? Array.from(sources).map((doc) => el("li", {},
      seesScans ? el("a", { href: "/review/" + doc }, el("img", { src: "/api/documents/" + doc + "/pages/1.png", alt: t("open_doc") + " #" + doc, width: "120", loading: "lazy" }))
        : el("span", { class: "muted", text: "#" + doc }))) : [el("li", { class: "muted", text: t("none") })]));
  }
  /* Events carry the version the user saw: a stale one gets 409 and its Vietnamese message, nothing lost. */
  let version = null;
  const form = document.getElementById("event-form");
  /** A real calendar day typed as dd/mm/yyyy → ISO; "" when empty; null when it is no such day. */
  function realDate(text) {
    if (!text.trim()) return "";
    const iso = HKD.parseDate(text);
    if (!iso) return null;
    const [y, m, d] = iso.split("-").map(Number);
    const day = new Date(Date.UTC(y, m - 1, d));
    return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d ? iso : null;
  }
  /** The error on the field it is about: its own message, the field marked, the focus on it. */
  function fieldError(name, message) {
    const input = form.elements[name];
    if (input) { input.setAttribute("aria-invalid", "true"); input.focus(); }
    banner(bannerBox, "error", message);
  }
  if (form) form.addEventListener("submit", async (e) => {
    e.preventDefault();
    for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    const dates = {};
    for (const name of ["from", "to"]) {
      dates[name] = realDate(form.elements[name].value);
      if (dates[name] === null || (name === "from" && !dates[name])) { fieldError(name, t("business.bad_date", { field: t("business.field." + name) })); return; }
    }
    const body = { kind: form.elements.kind.value, from: dates.from, to: dates.to || null,
      note: HKD.nfc(form.elements.note.value).trim(), expected_version: version };
    const r = await api("POST", "/api/businesses/" + id + "/events", body);
    if (!r.ok) {
      const d = r.data || {};
      const named = d.field || ((d.errors || [])[0] || {}).key;
      if (named === "from" || named === "to") { fieldError(named, HKD.problemText(r)); return; }
      banner(bannerBox, "error", r.status === 409 ? HKD.problemText(r) || t("conflict") : HKD.problemText(r)); return;
    }
    banner(bannerBox, "ok", t("event_saved"));
    form.reset();
    await load();
  });
  load().catch((e) => banner(bannerBox, "error", String(e)));
})();
