/* "My uploads": a paged, filterable list of one's own uploads with each outcome and its reason, polled
   while on screen (a reviewer's decision shows up without a reload). Filters and page are kept in the
   address (?outcome=&q=&page=), so a reload or a language switch comes back to the same rows. */
"use strict";
(function () {
  const { t, el, api } = HKD;
  const box = document.getElementById("mine");
  const body = document.getElementById("mine-rows");
  const outcome = document.getElementById("mine-outcome");
  const name = document.getElementById("mine-name");
  const range = document.getElementById("mine-range");
  const prev = document.getElementById("mine-prev"), next = document.getElementById("mine-next");
  const links = { business: box.dataset.businessLinks === "1", review: box.dataset.reviewLinks === "1" };
  const SIZE = 20;
  const params = new URLSearchParams(location.search);
  let page = Math.max(0, Number(params.get("page") || 1) - 1) || 0;
  outcome.value = params.get("outcome") || "";
  name.value = params.get("q") || "";
  let timer = null, seq = 0;

  function remember() {
    const p = new URLSearchParams();
    if (outcome.value) p.set("outcome", outcome.value);
    if (name.value.trim()) p.set("q", name.value.trim());
    if (page) p.set("page", String(page + 1));
    const url = location.pathname + (p.toString() ? "?" + p : "");
    history.replaceState(null, "", url);
    const lang = document.querySelector("a.lang");  // the switch comes back here, filters and all
    if (lang) lang.href = lang.href.replace(/\?next=.*$/, "?next=" + encodeURIComponent(url));
  }

  function row(u) {
    const file = links.review && ["waiting_review", "layout_uncertain", "not_a_certificate", "unreadable", "approved", "rejected"].includes(u.outcome)
      ? el("a", { href: "/review/" + u.id }, HKD.nfc(u.original_name)) : HKD.nfc(u.original_name);
    return el("tr", { "data-document-id": u.id, "data-outcome": u.outcome },
      el("td", { text: String(u.id) }), el("td", { class: "filename" }, file), el("td", { text: HKD.formatDate(u.created_at, true) }),
      el("td", {}, HKDOutcome.badge(u)), el("td", {}, HKDOutcome.reason(u, links)));
  }

  function showCounts(counts) {
    let all = 0;
    for (const option of outcome.options) {
      if (!option.value) continue;
      const n = counts[option.value] || 0;
      all += n;
      option.textContent = t("outcome." + option.value) + " (" + n + ")";
    }
    outcome.options[0].textContent = outcome.options[0].textContent.replace(/ \(\d+\)$/, "") + " (" + all + ")";
  }

  async function load() {
    clearTimeout(timer);
    const mine = ++seq;
    const p = new URLSearchParams({ limit: String(SIZE), offset: String(page * SIZE) });
    if (outcome.value) p.set("outcome", outcome.value);
    if (name.value.trim()) p.set("q", name.value.trim());
    const r = await api("GET", "/api/documents/uploads?" + p);
    if (mine !== seq) return;  // a newer request is on its way
    if (r.ok) {
      const { items, total, counts } = r.data;
      if (!items.length && page > 0 && total) { page = Math.floor((total - 1) / SIZE); remember(); return load(); }
      body.replaceChildren(...(items.length ? items.map(row) : [el("tr", { class: "empty" }, el("td", { colspan: "5", text: t("empty_results") }))]));
      range.textContent = total ? t("upload.range", { from: page * SIZE + 1, to: page * SIZE + items.length, total }) : "";
      prev.disabled = page === 0;
      next.disabled = (page + 1) * SIZE >= total;
      showCounts(counts);
    }
    timer = setTimeout(load, document.hidden ? 15000 : 4000);
  }

  outcome.addEventListener("change", () => { page = 0; remember(); load(); });
  name.addEventListener("input", HKD.debounce(() => { page = 0; remember(); load(); }, 300));
  document.getElementById("mine-filters").addEventListener("submit", (e) => { e.preventDefault(); page = 0; remember(); load(); });
  prev.addEventListener("click", () => { if (page > 0) { page -= 1; remember(); load(); } });
  next.addEventListener("click", () => { page += 1; remember(); load(); });
  document.addEventListener("visibilitychange", () => { if (!document.hidden) load(); });
  remember();
  load();
})();
