/* Review screen: claim, fields beside the scan, keyboard-first corrections, preview + approve, reject. */
"use strict";
(function () {
  const { t, el, api, banner } = HKD;
  /** A diff entry as [before, after], whatever the register calls them. */
  function pair(v) {
    if (Array.isArray(v)) return [v[0], v[1]];
    if (v && typeof v === "object") return [v.old ?? v.before ?? v.from ?? v.previous, v.new ?? v.after ?? v.to ?? v.current];
    return [undefined, v];
  }
  const root = document.getElementById("review");
  const id = Number(root.dataset.documentId);
  const order = root.dataset.fieldOrder.split(",");
  const form = document.getElementById("fields");
  const bannerBox = document.getElementById("banner");
  const pageSelect = document.getElementById("page-select");
  const crop = document.getElementById("crop");
  const viewer = new Viewer(document.getElementById("viewport"), document.getElementById("stage"), document.getElementById("page-img"), document.getElementById("overlay"));
  const DATE = /(_on|birth_date)$/, INT = new Set(["capital_vnd", "employees", "amendment_number"]);
  const UNIT_FIELDS = new Set(["address", "owner.permanent_address", "owner.current_address"]);
  const acList = document.getElementById("ac-list");
  const state = { data: null, revision: null, readOnly: false, page: 1, rotations: {}, selected: null, saved: {}, accepted: new Set() };

  function getPath(obj, path) { return path.split(".").reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj); }
  function show(path, v) {
    if (v === null || v === undefined) return "";
    if (path === "business_lines") return v.map((l) => [l.code, l.name].filter(Boolean).join(" – ")).join("; ");
    if (path === "members") return v.map((m) => m.full_name).filter(Boolean).join(", ");
    if (path === "capital_vnd") return HKD.formatMoney(v);
    if (path === "status") return t("status." + v);  // the register's status in an approval preview
    if (DATE.test(path)) return HKD.formatDate(v);
    return HKD.nfc(v);
  }
  function parse(path, text) {
    text = HKD.nfc(text).trim().replace(/\s+/g, " ");
    if (text === "") return null;
    if (INT.has(path)) { const d = text.replace(/[.\s,]/g, ""); return /^\d+$/.test(d) ? Number(d) : text; }
    if (DATE.test(path)) return HKD.parseDate(text) || text;
    if (path === "business_lines") return text.split(/\s*;\s*/).map((part) => {
      const m = /^(\d{4,5})\s*[–-]?\s*(.*)$/.exec(part);
      return m ? { code: m[1], name: m[2] || null } : { code: null, name: part };
    });
    return text;
  }

  async function load() {
    let r = await api("GET", "/api/review/" + id);
    if (r.status === 404) {
      // The review API is not on this server: show the stored extraction, read-only.
      const [doc, ext] = await Promise.all([api("GET", "/api/documents/" + id), api("GET", "/api/documents/" + id + "/extraction")]);
      if (!ext.ok) { banner(bannerBox, "error", HKD.problemText(ext)); return; }
      const n = (doc.data && doc.data.page_count) || ext.data.pages || 1;
      r = { ok: true, data: { document: doc.data, extraction: ext.data, corrections: [], pages: Array.from({ length: n }, (_, i) => ({ number: i + 1, url: "/api/documents/" + id + "/pages/" + (i + 1) + ".png" })), revision: null } };
      state.readOnly = true;
      banner(bannerBox, "warn", t("not_ready") + " " + t("readonly"));
    }
    if (!r.ok) { banner(bannerBox, "error", HKD.problemText(r)); return false; }
    state.data = r.data; state.revision = r.data.revision;
    const doc = r.data.document || {};
    document.getElementById("doc-name").textContent = HKD.nfc(doc.original_name || "");
    if (doc.status && !["processed", "in_review", "needs_review", "claimed"].includes(doc.status) && doc.status !== "queued" && doc.status !== "processing") {
      if (["approved", "rejected"].includes(doc.status)) { state.readOnly = true; }
    }
    return true;
  }

  async function claim() {
    const r = await api("POST", "/api/review/" + id + "/claim");
    if (r.status === 409 && !(r.data && r.data.claimed_by)) {
      state.readOnly = true;
      banner(bannerBox, "info", HKD.problemText(r) + " " + t("readonly"));
    } else if (r.status === 409) {
      state.readOnly = true;
      const who = (r.data && r.data.claimed_by) || "?";
      banner(bannerBox, "warn", HKD.lang === "en" ? t("claimed_by", { user: who }) : (r.data.message_vi && r.data.message_vi.includes(who) ? r.data.message_vi : t("claimed_by", { user: who })));
    } else if (!r.ok && r.status !== 404) {
      state.readOnly = true;
      banner(bannerBox, "warn", HKD.problemText(r) + " " + t("readonly"));
    }
  }

  function fieldsOf() {
    const ext = state.data.extraction || {};
    const fields = ext.fields || {}, record = ext.record || {};
    const findings = (ext.findings || []).map((x, index) => ({ ...x, index }));
    return order.filter((p) => fields[p] || (getPath(record, p) !== undefined && getPath(record, p) !== null && !(Array.isArray(getPath(record, p)) && !getPath(record, p).length)))
      .map((p) => {
        const f = fields[p] || {};
        const value = getPath(record, p) !== undefined ? getPath(record, p) : f.value;
        const mine = findings.filter((x) => concerns(x, p));
        const human = f.source === "human" || state.accepted.has(p);
        const status = human ? "accepted" : f.status || "ok";
        const open = mine.some((x) => x.severity !== "info" && !x.acknowledged);
        // A blank optional field (fax, email, …: status "missing") needs no decision, so it is no Tab stop.
        const doubtful = !state.readOnly && !human && (f.status === "needs_review" || open);
        return { path: p, value, confidence: f.confidence, page: f.page || 1, bbox: f.bbox, status, rawStatus: f.status || "ok", findings: mine, doubtful, evidence: f.evidence || [] };
      });
  }
  function concerns(finding, path) {
    const target = finding.field || "";
    return !!target && (target === path || target.startsWith(path + ".") || target.startsWith(path + "["));
  }
  /** Findings about no listed field (the document as a whole): shown on top, errors acknowledged by a button. */
  function generalFindings() {
    const ext = state.data.extraction || {};
    const listed = fieldsOf().map((f) => f.path);
    return (ext.findings || []).map((x, index) => ({ ...x, index })).filter((x) => !listed.some((p) => concerns(x, p)));
  }
  async function acknowledge(index) {
    const r = await api("POST", "/api/review/" + id + "/findings/" + index + "/ack", { revision: state.revision });
    if (!r.ok) { banner(bannerBox, "error", HKD.problemText(r)); return; }
    await load(); render();
    const next = doubtfulInputs()[0] || document.querySelector("#general-findings button") || document.getElementById("approve");
    next.focus();
  }

  function findingNode(x) {
    return el("p", { class: "finding " + x.severity + (x.acknowledged ? " acknowledged" : "") }, HKD.lang === "en" && x.message_en ? x.message_en : x.message);
  }
  /** What speaks for the field and what is missing (its evidence list), in words; none for old rows. */
  function evidenceNode(f, inputId) {
    if (!f.evidence.length || f.status === "accepted" || f.rawStatus === "missing") return null;
    return el("p", { class: "evidence small", id: inputId + "-ev" }, el("span", { class: "muted", text: t("evidence") + ": " }),
      f.evidence.map((e) => el("span", { class: e.holds ? "ev-yes" : "ev-no", "data-kind": e.kind },
        (e.holds ? "✓ " : "✗ ") + t("evidence." + e.kind + (e.holds ? "" : ".no"), { was: e.was || "" }) + " ")));
  }
  function render() {
    const list = fieldsOf();
    const general = generalFindings().filter((x) => x.severity !== "info" || !x.acknowledged);
    const generalBox = general.length ? el("div", { id: "general-findings", class: "frow needs_review" }, el("strong", { text: t("general_findings") }),
      general.map((x) => el("div", { class: "general-finding" }, findingNode(x),
        x.severity === "error" && !x.acknowledged && !state.readOnly ? el("button", { type: "button", class: "small", onclick: () => acknowledge(x.index) }, t("acknowledge")) : null))) : null;
    form.replaceChildren(...[generalBox].filter(Boolean), ...list.map((f) => {
      const inputId = "f-" + f.path.replace(/\W/g, "_");
      const readonly = state.readOnly || f.path === "members";
      const input = el("input", { id: inputId, name: f.path, value: show(f.path, f.value), readonly, tabindex: f.doubtful || state.readOnly ? null : "-1", "data-doubtful": f.doubtful ? "1" : null, "data-path": f.path, list: UNIT_FIELDS.has(f.path) || f.path === "business_lines" ? "ac-list" : null, "aria-describedby": f.findings.length ? inputId + "-fx" : null });
      state.saved[f.path] = input.value;
      const badgeText = f.status === "accepted" ? t("saved") : t("status." + f.rawStatus);
      const conf = f.status === "accepted" ? "" : t("confidence") + ": " + confidenceWords(f) + " ";
      return el("div", { class: "frow " + f.status, "data-path": f.path },
        el("label", { for: inputId }, el("span", {}, t("field." + f.path)), el("span", { class: "meta conf" }, conf, el("span", { class: "badge " + (f.status === "accepted" ? "ok" : f.rawStatus), text: badgeText }))),
        input,
        f.findings.length ? el("div", { id: inputId + "-fx" }, f.findings.map(findingNode)) : null,
        evidenceNode(f, inputId));
    }));
    renderAudit();
    drawBoxes();
    for (const b of document.querySelectorAll(".needs-write")) b.disabled = state.readOnly;
    document.getElementById("next-doc").hidden = !state.readOnly;
  }

  /** The confidence in words, with its reason: never a bare "0 %" (a value a rule confirmed may carry
      a low OCR score), and a doubted field says what the doubt is. */
  function confidenceWords(f) {
    const pct = typeof f.confidence === "number" && f.confidence > 0 ? " (" + Math.round(f.confidence * 100) + " %)" : "";
    const open = f.findings.filter((x) => x.severity !== "info" && !x.acknowledged);
    if (open.length) return t("review.conf_doubt", { reason: HKD.lang === "en" && open[0].message_en ? open[0].message_en : open[0].message }) + pct;
    if (f.rawStatus === "missing") return t("review.conf_missing");
    const empty = f.value === null || f.value === undefined || f.value === "";
    if (f.rawStatus === "needs_review") return (empty ? t("review.conf_unread") : t("review.conf_low")) + pct;
    if (f.confidence >= 0.9) return t("review.conf_high") + pct;
    if (f.confidence >= 0.6) return t("review.conf_medium") + pct;
    return t("review.conf_checked") + pct;
  }

  function renderAudit() {
    const rows = (state.data.corrections || []).map((c) => el("tr", {},
      el("td", { text: t("field." + c.field) }), el("td", { text: show(c.field, c.ocr_value) }), el("td", { text: show(c.field, c.corrected_value) }),
      el("td", { text: c.user || "" }), el("td", { text: HKD.formatDate(c.at, true) })));
    document.getElementById("audit-rows").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: "5", class: "muted", text: t("none") }))]));
  }

  function drawBoxes() {
    const boxes = fieldsOf().filter((f) => f.bbox && f.page === state.page);
    viewer.drawBoxes(boxes, state.selected);
  }

  async function showPage(n) {
    state.page = n;
    pageSelect.value = String(n);
    const p = (state.data.pages || []).find((x) => x.number === n) || { url: "/api/documents/" + id + "/pages/" + n + ".png" };
    await viewer.load(p.url, p.width, p.height);
    viewer.rotation = state.rotations[n] || 0; viewer.fit();
    drawBoxes();
  }

  async function select(path) {
    state.selected = path;
    for (const row of form.querySelectorAll(".frow")) row.classList.toggle("selected", row.dataset.path === path);
    const f = fieldsOf().find((x) => x.path === path);
    if (!f) return;
    if (f.bbox && f.page !== state.page) await showPage(f.page);
    drawBoxes();
    if (f.bbox) { viewer.zoomToBox(f.bbox); viewer.drawCrop(crop, f.bbox); } else viewer.drawCrop(crop, null);
  }

  function doubtfulInputs() { return Array.from(form.querySelectorAll("input[data-doubtful]")); }
  function allInputs() { return Array.from(form.querySelectorAll("input[data-path]")); }
  /** Tab/Shift+Tab: the doubtful fields only (past the last one: the Approve button); arrows: every field. */
  function moveFocus(input, step, doubtfulOnly) {
    const list = doubtfulOnly ? doubtfulInputs() : allInputs();
    if (doubtfulOnly && !list.includes(input)) {
      const all = allInputs(), at = all.indexOf(input);
      const ahead = step > 0 ? all.slice(at + 1).find((x) => x.dataset.doubtful) : all.slice(0, at).reverse().find((x) => x.dataset.doubtful);
      if (ahead) { ahead.focus(); return true; }
      if (step > 0) { document.getElementById("approve").focus(); return true; }
      return false;
    }
    const target = list[list.indexOf(input) + step];
    if (target) { target.focus(); return true; }
    if (step > 0 && doubtfulOnly) { document.getElementById("approve").focus(); return true; }
    return false;
  }
  function focusNext(path) {
    const all = allInputs();
    const i = all.findIndex((x) => x.dataset.path === path);
    const next = all.slice(i + 1).find((x) => x.dataset.doubtful) || doubtfulInputs()[0] || document.querySelector("#general-findings button");
    (next || document.getElementById("approve")).focus();
  }

  async function save(input) {
    const path = input.dataset.path;
    // Members are shown as names only (not editable here): Enter confirms the list as read.
    const value = path === "members" ? (getPath((state.data.extraction || {}).record || {}, "members") || []) : parse(path, input.value);
    const r = await api("POST", "/api/review/" + id + "/corrections", { field: path, value, revision: state.revision });
    if (!r.ok) { banner(bannerBox, "error", r.status === 409 ? HKD.problemText(r) || t("conflict") : HKD.problemText(r)); return; }
    state.accepted.add(path);
    if (r.data && r.data.revision !== undefined) state.revision = r.data.revision;
    await load();
    render();
    banner(bannerBox, "ok", t("saved") + " " + t("field." + path) + ": " + show(path, value));
    focusNext(path);
  }

  form.addEventListener("submit", (e) => e.preventDefault());
  // Select on focus: what the reviewer types replaces the value (never "15/01/2020SHOP …").
  form.addEventListener("focusin", (e) => { if (e.target.dataset.path) { acList.replaceChildren(); if (!e.target.readOnly) e.target.select(); select(e.target.dataset.path); } });
  form.addEventListener("keydown", (e) => {
    const input = e.target;
    if (!input.dataset || !input.dataset.path) return;
    if ((e.key === "ArrowDown" || e.key === "ArrowUp") && !e.altKey && !(input.getAttribute("list") && acList.options.length)) { if (moveFocus(input, e.key === "ArrowDown" ? 1 : -1, false)) e.preventDefault(); }
    else if (e.key === "Enter" && !e.ctrlKey && !e.metaKey) { e.preventDefault(); if (!input.readOnly || (input.dataset.path === "members" && !state.readOnly)) save(input); }
    else if (e.key === "Escape") { e.preventDefault(); input.value = state.saved[input.dataset.path] ?? ""; acList.replaceChildren(); }
  });
  form.addEventListener("click", (e) => { const row = e.target.closest(".frow"); if (row) select(row.dataset.path); });

  /* Autocomplete: communes for addresses (last comma-separated part), VSIC codes for business lines. */
  const suggest = HKD.debounce(async (input) => {
    const path = input.dataset.path, sep = path === "business_lines" ? ";" : ",";
    const parts = input.value.split(sep), last = parts.pop().trim();
    if (last.length < 2) return;
    const url = path === "business_lines" ? "/api/refdata/vsic?q=" : "/api/refdata/units?q=";
    const r = await api("GET", url + encodeURIComponent(last));
    if (!r.ok) return;
    const prefix = parts.length ? parts.join(sep) + sep + " " : "";
    acList.replaceChildren(...(r.data.items || []).map((h) => el("option", { value: prefix + (path === "business_lines" ? h.code + " – " + h.name : h.name + ", " + h.province_name) })));
  }, 200);
  form.addEventListener("input", (e) => { const p = e.target.dataset && e.target.dataset.path; if (p && (UNIT_FIELDS.has(p) || p === "business_lines")) suggest(e.target); });

  /* Approve: preview (new business / amendment with diff / a human picks), then confirm. */
  const approveDialog = document.getElementById("approve-dialog");
  const preview = document.getElementById("preview");
  let chosenBusiness = null;
  function renderDiff(diff) {
    if (!diff) return null;
    const entries = Array.isArray(diff) ? diff.map((d) => [d.field || d.path, ...pair(d)]) : Object.entries(diff).map(([k, v]) => [k, ...pair(v)]);
    if (!entries.length) return null;
    return el("table", { class: "grid small diff" }, el("thead", {}, el("tr", {}, el("th", { text: t("col_field") }), el("th", { text: t("col_before") }), el("th", { text: t("col_after") }))),
      el("tbody", {}, entries.map(([k, o, n]) => el("tr", {}, el("td", { text: t("field." + k) }), el("td", {}, el("del", { text: show(k, o) || "—" })), el("td", {}, el("ins", { text: show(k, n) || "—" }))))));
  }
  async function approve() {
    if (state.readOnly) return;
    const r = await api("POST", "/api/review/" + id + "/preview");
    if (!r.ok) { banner(bannerBox, "error", HKD.problemText(r)); return; }
    const p = r.data; chosenBusiness = p.business_id || null;
    const parts = [];
    if (p.action === "create_business") parts.push(el("p", { class: "alert info", text: t("preview_create") }));
    else if (p.action === "amend_business") parts.push(el("p", { class: "alert info" }, t("preview_amend", { id: "#" + p.business_id })));
    else {
      parts.push(el("p", { class: "alert warn", text: t("preview_human") }));
      parts.push(el("fieldset", {}, (p.candidates || []).map((c, i) => el("label", { class: "block" },
        el("input", { type: "radio", name: "cand", value: c.business_id, checked: i === 0, onchange: () => { chosenBusiness = c.business_id; } }), " #" + c.business_id + " " + HKD.nfc(c.business_name || c.name || "")))));
      if (p.candidates && p.candidates.length) chosenBusiness = p.candidates[0].business_id;
    }
    parts.push(renderDiff(p.diff));
    const blocking = p.blocking || {};
    const todo = (blocking.fields_to_review || []).map((f) => t("field." + f));
    const errs = (blocking.unacknowledged_findings || []).length;
    const blocked = todo.length > 0 || errs > 0;
    if (blocked) parts.push(el("div", { class: "alert error", role: "alert" }, t("blocked"),
      todo.length ? el("p", {}, t("blocked_fields") + " " + todo.join(", ")) : null,
      errs ? el("p", {}, t("blocked_findings") + " " + errs) : null));
    document.getElementById("approve-confirm").disabled = blocked;
    for (const f of p.findings || []) parts.push(el("p", { class: "finding " + f.severity, text: HKD.lang === "en" && f.message_en ? f.message_en : f.message }));
    preview.replaceChildren(...parts.filter(Boolean));
    approveDialog.showModal();
    document.getElementById(blocked ? "approve-cancel" : "approve-confirm").focus();
  }
  document.getElementById("approve").addEventListener("click", approve);
  document.getElementById("approve-cancel").addEventListener("click", () => { approveDialog.close(); (doubtfulInputs()[0] || document.getElementById("approve")).focus(); });
  approveDialog.addEventListener("close", () => { if (document.activeElement === document.body) (doubtfulInputs()[0] || document.getElementById("approve")).focus(); });
  document.getElementById("next-doc").addEventListener("click", () => goNext(null));
  document.getElementById("approve-confirm").addEventListener("click", async () => {
    const r = await api("POST", "/api/review/" + id + "/approve", { revision: state.revision, business_id: chosenBusiness });
    approveDialog.close();
    if (!r.ok) { banner(bannerBox, "error", HKD.problemText(r)); return; }
    state.readOnly = true;
    await load(); render();
    await goNext({ kind: "approved", document: id, business: r.data.business_id || null });
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !approveDialog.open && !rejectDialog.open) { e.preventDefault(); approve(); }
    else if (e.altKey && (e.key === "r" || e.key === "R" || e.code === "KeyR") && !approveDialog.open && !rejectDialog.open) { e.preventDefault(); openReject(); }
  });

  /* Reject: a reason picked from the list (arrows), details typed (needed for "other"), Enter sends. */
  const rejectDialog = document.getElementById("reject-dialog");
  const rejectForm = document.getElementById("reject-form");
  const rejectDetail = document.getElementById("reject-reason");
  function openReject() {
    if (state.readOnly) return;
    rejectDialog.showModal();
    (rejectForm.querySelector("input[name=reason]:checked") || rejectDetail).focus();
  }
  document.getElementById("reject").addEventListener("click", openReject);
  document.getElementById("reject-cancel").addEventListener("click", () => { rejectDialog.close(); document.getElementById("reject").focus(); });
  rejectDialog.addEventListener("close", () => { if (document.activeElement === document.body) (doubtfulInputs()[0] || document.getElementById("approve")).focus(); });
  rejectForm.addEventListener("keydown", (e) => { if (e.key === "Enter" && e.target.name === "reason") { e.preventDefault(); rejectForm.requestSubmit(); } });
  rejectForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const picked = rejectForm.querySelector("input[name=reason]:checked");
    const detail = HKD.nfc(rejectDetail.value).trim();
    const label = picked && picked.value !== "other" ? picked.dataset.label : "";
    const reason = [label, detail].filter(Boolean).join(": ");
    if (!reason) { rejectDetail.focus(); return; }
    const r = await api("POST", "/api/review/" + id + "/reject", { reason, revision: state.revision });
    rejectDialog.close();
    if (!r.ok) { banner(bannerBox, "error", HKD.problemText(r)); return; }
    state.readOnly = true; render();
    await goNext({ kind: "rejected", document: id, reason });
  });

  /* After a decision: the next document of the queue (the decision is shown on top of it); none left:
     back to the queue, the focus on its link, never on <body>. */
  const FLASH = "hkd.review.flash";
  async function goNext(flash) {
    try { if (flash) sessionStorage.setItem(FLASH, JSON.stringify(flash)); } catch (e) { /* shown below instead */ }
    const r = await api("GET", "/api/review/queue?limit=50");
    const next = r.ok ? (r.data.items || []).find((x) => x.document_id !== id && !x.claimed_by) : null;
    if (next) { location.href = "/review/" + next.document_id; return; }
    showFlash();
    bannerBox.append(el("p", { class: "alert info" }, t("review.next_none") + " ", el("a", { href: "/review", id: "to-queue" }, t("review.to_queue"))));
    document.getElementById("to-queue").focus();
  }
  function showFlash() {
    let flash = null;
    try { flash = JSON.parse(sessionStorage.getItem(FLASH) || "null"); sessionStorage.removeItem(FLASH); } catch (e) { flash = null; }
    if (!flash) return;
    if (flash.kind === "approved") bannerBox.replaceChildren(flash.business
      ? el("p", { class: "alert ok", role: "status", id: "approved" }, "#" + flash.document + " · " + t("approved") + " ", el("a", { href: "/businesses/" + flash.business, id: "approved-business" }, "#" + flash.business))
      : el("p", { class: "alert ok", role: "status", id: "approved", text: "#" + flash.document + " · " + t("approved_pending") }));
    else bannerBox.replaceChildren(el("p", { class: "alert ok", role: "status", id: "rejected-flash", text: "#" + flash.document + " · " + t("rejected_done") + " " + flash.reason }));
  }
  document.getElementById("release").addEventListener("click", async () => { await api("DELETE", "/api/review/" + id + "/claim"); location.href = "/review"; });

  /* Viewer controls; rotating marks the page for a re-run of OCR. */
  document.getElementById("zoom-in").addEventListener("click", () => viewer.zoomAt(1.25));
  document.getElementById("zoom-out").addEventListener("click", () => viewer.zoomAt(0.8));
  document.getElementById("zoom-fit").addEventListener("click", () => viewer.fit());
  document.getElementById("rotate").addEventListener("click", () => { viewer.rotate(); state.rotations[state.page] = viewer.rotation; });
  pageSelect.addEventListener("change", () => showPage(Number(pageSelect.value)));
  document.getElementById("rerun").addEventListener("click", async () => {
    const rotations = Object.fromEntries(Object.entries(state.rotations).filter(([, v]) => v));
    const r = await api("POST", "/api/review/" + id + "/rerun", { rotations });
    if (!r.ok) { banner(bannerBox, "error", HKD.problemText(r)); return; }
    banner(bannerBox, "info", t("rerun_started"));
    for (let i = 0; i < 300; i++) {
      await new Promise((ok) => setTimeout(ok, 1500));
      const d = await api("GET", "/api/documents/" + id);
      if (d.ok && d.data.job && ["succeeded", "failed", "dead"].includes(d.data.job.status) && d.data.job.step === "done") break;
    }
    state.rotations = {};
    await load(); render(); await showPage(state.page);
    banner(bannerBox, "ok", t("step.done"));
  });

  (async function start() {
    showFlash();
    await claim();
    if (!(await load())) return;
    const pages = state.data.pages || [];
    pageSelect.replaceChildren(...pages.map((p) => el("option", { value: p.number, text: String(p.number) })));
    render();
    await showPage(1);
    // Nothing to decide field by field: the focus waits on Approve (never on <body>).
    const first = doubtfulInputs()[0] || document.querySelector("#general-findings button") || (state.readOnly ? document.getElementById("next-doc") : document.getElementById("approve"));
    if (first) first.focus();
  })();
})();
