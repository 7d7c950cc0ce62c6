/* Upload: many files or a folder, one request per file (upload progress), then every row's outcome polled
   in one request. The batch (rows, skipped files) lives in sessionStorage, so switching the language or
   reloading keeps it; while files are still being sent the language switch waits for them. */
"use strict";
(function () {
  const { t, el, api, csrf } = HKD;
  const rows = document.getElementById("upload-rows");
  const zone = document.getElementById("dropzone");
  const summary = document.getElementById("batch-summary");
  const skippedBox = document.getElementById("skipped-box");
  const skippedList = document.getElementById("skipped");
  const clearButton = document.getElementById("batch-clear");
  const ACCEPTED = /\.(jpe?g|png|tiff?|pdf)$/i;
  const HIDDEN = /(^|\/)(\.[^/]*|thumbs\.db|desktop\.ini)$/i;
  const STORE = "hkd.upload.batch";
  const PARALLEL = 2;
  const queue = [];
  const items = [];  // every row of the batch, in the table's order
  const skipped = [];  // {name, why}
  let active = 0;
  let pendingSwitch = null;

  const byName = (a, b) => a.localeCompare(b, "vi", { numeric: true, sensitivity: "base" });
  function pathOf(file) { return HKD.nfc(file.webkitRelativePath || file.relPath || file.name); }

  function save() {
    const data = { rows: items.map((i) => ({ name: i.name, documentId: i.documentId || null, duplicate: !!i.duplicate, refused: i.refused || null, outcome: i.outcome || null, sent: !!i.sent, batchId: i.batchId || null })), skipped };
    try { sessionStorage.setItem(STORE, JSON.stringify(data)); } catch (e) { /* private mode: the batch is not kept */ }
  }

  function addRow(name) {
    const empty = rows.querySelector("tr.empty");
    if (empty) empty.remove();
    const bar = el("progress", { max: "100", value: "0", "aria-label": name });
    const status = el("span", { class: "badge", text: t("uploading") });
    const detail = el("span", { class: "small muted" });
    const row = el("tr", { "data-file": name }, el("td", { class: "filename" }, name), el("td", {}, status, " ", detail), el("td", {}, bar));
    rows.append(row);
    const item = { name, row, bar, status, detail };
    items.push(item);
    return item;
  }

  function skip(name, why) {
    skipped.push({ name, why });
    skippedList.append(el("li", { "data-file": name }, el("span", { class: "filename", text: name }), " — ", why));
    skippedBox.hidden = false;
  }

  function addFiles(files) {
    const all = Array.from(files).sort((a, b) => byName(pathOf(a), pathOf(b)));
    const list = [];
    for (const file of all) {
      const name = pathOf(file);
      if (HIDDEN.test(name)) skip(name, t("upload.skip_hidden"));
      else if (ACCEPTED.test(file.name) || /^(image\/(jpeg|png|tiff)|application\/pdf)$/.test(file.type)) list.push(file);
      else skip(name, t("upload.skip_type"));
    }
    for (const file of list) { const item = addRow(pathOf(file)); item.file = file; queue.push(item); }
    clearButton.hidden = !items.length && !skipped.length;
    save(); refresh(); pump();
  }

  function pump() {
    while (active < PARALLEL && queue.length) {
      active += 1;
      send(queue.shift()).finally(() => { active -= 1; save(); refresh(); pump(); });
    }
    if (!active && !queue.length && pendingSwitch) location.href = pendingSwitch;
  }

  function setStatus(item, cls, text, detail) {
    item.status.className = "badge " + (cls || "");
    item.status.textContent = text;
    item.detail.replaceChildren(detail || "");
    item.row.dataset.state = cls || "";
  }

  function send(item) {
    return new Promise((resolve) => {
      const form = new FormData();
      form.append("file", item.file, item.file.name);
      const commune = document.getElementById("upload-commune");  // a user of several communes chooses
      if (commune) form.append("commune_code", commune.value);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/documents/");
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) item.bar.value = Math.round((e.loaded / e.total) * 100); };
      xhr.onload = () => {
        let body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
        item.sent = true;
        item.bar.value = 0;
        const ok = xhr.status === 200 || xhr.status === 201;
        const doc = ok ? (body.documents || [])[0] : null;
        const stack = ok ? (body.batches || [])[0] : null;  // a scanned stack goes to the batch path
        if (stack) asBatch(item, stack.batch.id, stack.duplicate);
        else if (doc) accepted(item, doc.id, doc.duplicate);
        else {
          const first = (body.rejected || [])[0] || body;
          item.refused = HKD.lang === "en" ? (first.detail || String(xhr.status)) : (first.message_vi || first.detail || String(xhr.status));
          showRefused(item);
        }
        resolve();
      };
      xhr.onerror = () => { item.sent = true; item.refused = t("error") + " network"; showRefused(item); resolve(); };
      xhr.send(form);
    });
  }

  function accepted(item, documentId, duplicate) {
    item.documentId = documentId;
    item.duplicate = duplicate;
    item.row.dataset.documentId = documentId;
    if (duplicate) {
      const first = items.find((x) => x !== item && x.documentId === documentId && !x.duplicate);
      skip(item.name, first ? t("upload.skip_same_batch", { name: first.name }) : t("upload.skip_duplicate", { id: documentId }));
    }
    setStatus(item, duplicate ? "warn" : "", duplicate ? t("duplicate") : t("uploaded"), "#" + documentId);
  }
  /** A stack split into documents: its row says so and links to the split editor. */
  function asBatch(item, batchId, duplicate) {
    item.batchId = batchId;
    item.duplicate = duplicate;
    item.outcome = "batch";
    item.row.dataset.batchId = batchId;
    item.row.dataset.step = "done";
    setStatus(item, duplicate ? "warn" : "", duplicate ? t("upload.batch_known") : t("upload.as_batch"),
      el("a", { href: "/batches/" + batchId, text: t("upload.open_batch", { id: batchId }) }));
  }
  function showRefused(item) { setStatus(item, "bad", t("rejected"), item.refused); item.row.dataset.step = "done"; }

  /** One row's outcome from the uploads list. */
  function showOutcome(item, u) {
    item.outcome = u.outcome;
    const done = u.outcome !== "working";
    item.bar.max = u.pages_total || u.page_count || 1;
    item.bar.value = done ? item.bar.max : u.pages_done || 0;
    const badge = HKDOutcome.badge(u);
    if (item.duplicate) badge.prepend(t("duplicate") + " · ");
    item.status.replaceWith(badge);
    item.status = badge;
    item.detail.replaceChildren("#" + u.id + " ", HKDOutcome.reason(u, links));
    item.row.dataset.outcome = u.outcome;
    if (done) item.row.dataset.step = "done"; else delete item.row.dataset.step;
  }
  const mine = document.getElementById("mine");
  const links = { business: mine && mine.dataset.businessLinks === "1" };

  function refresh() {
    const total = items.length;
    const done = items.filter((i) => i.refused || (i.outcome && i.outcome !== "working")).length;
    const errors = items.filter((i) => i.refused || HKDOutcome.PROBLEM.has(i.outcome)).length;
    const parts = total ? [t("upload.summary", { done, total, errors })] : [];
    if (skipped.length) parts.push(t("upload.summary_skipped", { skipped: skipped.length }));
    summary.textContent = parts.join(", ");
    summary.dataset.done = String(done); summary.dataset.total = String(total); summary.dataset.errors = String(errors);
  }

  async function poll() {
    const open = items.filter((i) => i.documentId && (!i.outcome || i.outcome === "working"));
    if (open.length) {
      const ids = Array.from(new Set(open.map((i) => i.documentId)));
      const r = await api("GET", "/api/documents/uploads?limit=200&" + ids.map((x) => "ids=" + x).join("&"));
      if (r.ok) {
        const found = new Map(r.data.items.map((u) => [u.id, u]));
        for (const item of open) if (found.has(item.documentId)) showOutcome(item, found.get(item.documentId));
        save(); refresh();
      }
    }
    setTimeout(poll, open.length ? 1500 : 3000);
  }

  function restore() {
    let data = null;
    try { data = JSON.parse(sessionStorage.getItem(STORE) || "null"); } catch (e) { data = null; }
    if (!data) return;
    for (const s of data.skipped || []) skip(s.name, s.why);
    for (const r of data.rows || []) {
      const item = addRow(r.name);
      item.sent = r.sent;
      if (r.refused) { item.refused = r.refused; showRefused(item); }
      else if (r.batchId) asBatch(item, r.batchId, r.duplicate);
      else if (r.documentId) { item.documentId = r.documentId; item.duplicate = r.duplicate; item.row.dataset.documentId = r.documentId; setStatus(item, r.duplicate ? "warn" : "", r.duplicate ? t("duplicate") : t("uploaded"), "#" + r.documentId); }
      else { item.refused = t("upload.interrupted"); showRefused(item); }
    }
    clearButton.hidden = !items.length && !skipped.length;
    refresh();
  }

  clearButton.addEventListener("click", () => {
    if (active || queue.length) return;
    items.length = 0; skipped.length = 0;
    rows.replaceChildren(el("tr", { class: "empty" }, el("td", { colspan: "3", text: t("none") })));
    skippedList.replaceChildren(); skippedBox.hidden = true; clearButton.hidden = true;
    save(); refresh();
  });
  /* The language link reloads the page: wait until every file is sent (the rest is in sessionStorage). */
  const langLink = document.querySelector("a.lang");
  if (langLink) langLink.addEventListener("click", (e) => {
    if (!active && !queue.length) return;
    e.preventDefault();
    pendingSwitch = langLink.href;
    document.getElementById("lang-wait").hidden = false;
  });

  /* Folders dropped on the zone: walk the entries (Chromium, Firefox, Safari all support this API). */
  function readEntry(entry, path, out) {
    return new Promise((resolve) => {
      if (entry.isFile) entry.file((f) => { f.relPath = path + f.name; out.push(f); resolve(); }, () => resolve());
      else if (entry.isDirectory) {
        const reader = entry.createReader();
        const all = [];
        const next = () => reader.readEntries(async (batch) => {
          if (!batch.length) { for (const e of all) await readEntry(e, path + entry.name + "/", out); resolve(); }
          else { all.push(...batch); next(); }
        }, () => resolve());
        next();
      } else resolve();
    });
  }

  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", async (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    const dropped = Array.from(e.dataTransfer.items || []);
    const entries = dropped.map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
    if (entries.length && entries.some((x) => x.isDirectory)) {
      const out = [];
      for (const entry of entries) await readEntry(entry, "", out);
      addFiles(out);
    } else addFiles(e.dataTransfer.files);
  });
  document.getElementById("file-input").addEventListener("change", (e) => { addFiles(e.target.files); e.target.value = ""; });
  document.getElementById("folder-input").addEventListener("change", (e) => { addFiles(e.target.files); e.target.value = ""; });
  restore();
  poll();
})();
