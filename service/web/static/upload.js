/* Upload: many files or a folder, one request per file (upload progress), then the job's steps polled. */
"use strict";
(function () {
  const { t, el, api, csrf } = HKD;
  const rows = document.getElementById("upload-rows");
  const zone = document.getElementById("dropzone");
  const ACCEPTED = /\.(jpe?g|png|tiff?|pdf)$/i;
  const queue = [];
  let active = 0;
  const PARALLEL = 2;

  function addFiles(files) {
    // Folders carry junk (Thumbs.db, notes): only what looks like a scan; the server still checks content.
    const list = Array.from(files).filter((f) => ACCEPTED.test(f.name) || /^(image\/|application\/pdf)/.test(f.type));
    if (!list.length) return;
    const empty = rows.querySelector("tr.empty");
    if (empty) empty.remove();
    for (const file of list) {
      const name = HKD.nfc(file.webkitRelativePath || file.relPath || file.name);
      const bar = el("progress", { max: "100", value: "0", "aria-label": name });
      const status = el("span", { class: "badge", text: t("uploading") });
      const detail = el("span", { class: "small muted" });
      const row = el("tr", { "data-file": name }, el("td", { class: "filename" }, name), el("td", {}, status, " ", detail), el("td", {}, bar));
      rows.append(row);
      queue.push({ file, row, bar, status, detail });
    }
    pump();
  }

  function pump() {
    while (active < PARALLEL && queue.length) {
      active += 1;
      send(queue.shift()).finally(() => { active -= 1; pump(); });
    }
  }

  function setStatus(item, cls, text, detail) {
    item.status.className = "badge " + (cls || "");
    item.status.textContent = text;
    item.detail.textContent = detail || "";
    item.row.dataset.state = cls || "";
  }

  function send(item) {
    return new Promise((resolve) => {
      const form = new FormData();
      form.append("file", item.file, item.file.name);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/documents/");
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) item.bar.value = Math.round((e.loaded / e.total) * 100); };
      xhr.onload = () => {
        let body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
        if (xhr.status === 200 || xhr.status === 201) {
          const doc = (body.documents || [])[0];
          if (!doc) { setStatus(item, "bad", t("rejected"), ((body.rejected || [])[0] || {}).message_vi); resolve(); return; }
          item.row.dataset.documentId = doc.id;
          if (doc.duplicate) setStatus(item, "warn", t("duplicate"), "#" + doc.id);
          else setStatus(item, "", t("uploaded"), "#" + doc.id);
          item.bar.value = 0;
          poll(item, doc.id, doc.duplicate);
        } else {
          item.bar.value = 0;
          setStatus(item, "bad", t("rejected"), HKD.lang === "en" ? (body.detail || xhr.status) : (body.message_vi || body.detail || xhr.status));
        }
        resolve();
      };
      xhr.onerror = () => { setStatus(item, "bad", t("error"), "network"); resolve(); };
      xhr.send(form);
    });
  }

  function showJob(item, doc, duplicate) {
    const job = doc.job;
    if (!job) return false;
    const step = job.step || "queued";
    const total = job.pages_total || doc.page_count || 1;
    item.bar.max = total;
    item.bar.value = step === "done" ? total : job.pages_done || 0;
    const pages = total > 1 || step === "ocr" ? " (" + (job.pages_done || 0) + "/" + total + ")" : "";
    if (job.status === "failed" || job.status === "dead") {
      setStatus(item, "bad", t("failed"), job.error_detail || job.error_code || "");
      return true;
    }
    const label = t("step." + step) + (step === "done" ? "" : pages);
    setStatus(item, step === "done" ? "step-done" : (duplicate ? "warn" : ""), duplicate && step === "done" ? t("duplicate") : label, "#" + doc.id);
    item.row.dataset.step = step;
    return job.status === "succeeded" || step === "done";
  }

  async function poll(item, id, duplicate) {
    for (let i = 0; i < 900; i++) {
      const r = await api("GET", "/api/documents/" + id);
      if (r.ok && showJob(item, r.data, duplicate)) return;
      await new Promise((ok) => setTimeout(ok, i < 10 ? 700 : 1500));
    }
  }

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
    const items = Array.from(e.dataTransfer.items || []);
    const entries = items.map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
    if (entries.length && entries.some((x) => x.isDirectory)) {
      const out = [];
      for (const entry of entries) await readEntry(entry, "", out);
      addFiles(out);
    } else addFiles(e.dataTransfer.files);
  });
  document.getElementById("file-input").addEventListener("change", (e) => { addFiles(e.target.files); e.target.value = ""; });
  document.getElementById("folder-input").addEventListener("change", (e) => { addFiles(e.target.files); e.target.value = ""; });
})();
