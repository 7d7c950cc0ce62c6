/* Register exports in the background: POST /api/exports with the page's filters, a progress bar from
   the polled status JSON (GET /api/exports/{id}), then the download link. Without this script the
   buttons are plain links to the synchronous GET exports (the file downloads directly). */
"use strict";
(function () {
  const { t, api } = HKD;
  const box = document.getElementById("export-status");
  const form = document.getElementById("register-form");
  if (!box || !form) return;
  const bar = document.getElementById("export-progress");
  const text = document.getElementById("export-text");
  const error = document.getElementById("export-error");
  const link = document.getElementById("export-download");
  const CODE = /^[0-9A-Za-z]+$/;
  const POLL_MS = 800;
  let busy = false;

  /** The export's filters from the register form; null (with a message) when they cannot be exported. */
  function body(format) {
    const data = { format };
    for (const name of ["commune", "status", "section"]) {
      const value = HKD.nfc(form.elements[name].value).trim();
      if (!value) continue;
      if (!CODE.test(value)) { HKD.banner(error, "error", t("export_commune_code")); return null; }
      data[name] = value;
    }
    return data;
  }
  function size(bytes) {
    if (bytes === null || bytes === undefined) return "";
    return bytes < 1048576 ? Math.max(1, Math.round(bytes / 1024)) + " KB" : (bytes / 1048576).toFixed(1).replace(".", HKD.lang === "vi" ? "," : ".") + " MB";
  }
  function show(d) {
    box.dataset.status = d.status;
    bar.value = d.progress;
    const total = d.rows_total === null || d.rows_total === undefined ? "…" : d.rows_total;
    text.textContent = t("export_" + d.status, { done: d.rows_done, total, pct: Math.floor(d.progress) });
    if (d.status === "done" && d.file_url) {
      link.href = d.file_url;
      link.title = size(d.size_bytes);
      link.hidden = false;
    }
    if (d.status === "failed") {
      text.textContent = "";
      HKD.banner(error, "error", t("export_failed") + " " + (HKD.lang === "en" ? d.error_detail || d.error : d.error));
    }
  }
  async function poll(url) {
    const r = await api("GET", url);
    if (!r.ok) { HKD.banner(error, "error", HKD.problemText(r)); busy = false; return; }
    show(r.data);
    if (r.data.status === "done" || r.data.status === "failed") { busy = false; loadRecent(); return; }
    setTimeout(() => poll(url), POLL_MS);
  }
  async function start(format) {
    if (busy) return;
    HKD.banner(error, "", "");
    const data = body(format);
    if (!data) { box.hidden = false; return; }
    busy = true;
    box.hidden = false;
    link.hidden = true;
    bar.value = 0;
    text.textContent = t("export_starting");
    const r = await api("POST", "/api/exports", data);
    if (!r.ok) { text.textContent = ""; HKD.banner(error, "error", HKD.problemText(r)); busy = false; return; }
    box.dataset.exportId = r.data.id;
    show(r.data);
    setTimeout(() => poll(r.data.url), POLL_MS);
  }
  /* The user's recent exports (GET /api/exports): come back later and download, or keep watching one. */
  const recent = document.getElementById("export-recent");
  const recentList = document.getElementById("export-recent-list");
  async function loadRecent() {
    if (!recent) return;
    const r = await api("GET", "/api/exports?limit=5");
    if (!r.ok) return;
    const items = r.data.items || [];
    recent.hidden = items.length === 0;
    recentList.replaceChildren(...items.map((d) => {
      const when = HKD.formatDate(d.created_at, true);
      const what = d.format.toUpperCase() + " · " + when;
      let state;
      if (d.file_url) state = HKD.el("a", { href: d.file_url, download: true, text: t("export_download") + " (" + t("export_rows", { total: d.rows_total }) + ", " + size(d.size_bytes) + ")" });
      else if (d.status === "failed") state = HKD.el("span", { class: "badge warn", text: t("export_failed").replace(/:$/, ""), title: d.error });
      else state = HKD.el("span", { class: "badge", text: Math.floor(d.progress) + "%" });
      return HKD.el("li", { "data-export-id": d.id, "data-status": d.status }, what + " — ", state);
    }));
    const running = items.find((d) => d.status === "queued" || d.status === "running");
    if (running && !busy) { busy = true; box.hidden = false; show(running); setTimeout(() => poll(running.url), POLL_MS); }
  }
  for (const [id, format] of [["export-xlsx", "xlsx"], ["export-csv", "csv"]]) {
    const a = document.getElementById(id);
    if (a) a.addEventListener("click", (e) => { e.preventDefault(); start(format); });
  }
  loadRecent();
})();
