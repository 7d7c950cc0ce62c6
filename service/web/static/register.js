/* Register: search + filters → GET /api/businesses; export links carry the same filters. */
"use strict";
(function () {
  const { t, el, api } = HKD;
  const form = document.getElementById("register-form");
  const rows = document.getElementById("register-rows");
  const total = document.getElementById("register-total");
  const places = document.getElementById("register-places");
  const prev = document.getElementById("prev"), next = document.getElementById("next");
  const LIMIT = 50;
  let offset = 0;
  let asked = 0; // the newest search: an older answer arriving late must not overwrite it

  function filters() {
    const params = new URLSearchParams();
    for (const name of ["q", "commune", "province", "status", "section"]) {
      const v = HKD.nfc(form.elements[name].value).trim();
      if (v) params.set(name, v);
    }
    return params;
  }
  function updateExports(params) {
    for (const [id, ext] of [["export-xlsx", "xlsx"], ["export-csv", "csv"]]) {
      const a = document.getElementById(id);
      if (a) a.href = "/api/exports/register." + ext + (params.toString() ? "?" + params : "");
    }
  }
  function pick(it, ...keys) { for (const k of keys) { const v = k.split(".").reduce((o, p) => (o == null ? undefined : o[p]), it); if (v !== undefined && v !== null && v !== "") return v; } return ""; }
  async function search() {
    const params = filters();
    updateExports(params);
    history.replaceState(null, "", "/register" + (params.toString() ? "?" + params : ""));
    params.set("limit", LIMIT); params.set("offset", offset);
    const mine = ++asked;
    rows.setAttribute("aria-busy", "true");
    const r = await api("GET", "/api/businesses?" + params);
    if (mine !== asked) return;
    rows.setAttribute("aria-busy", "false");
    if (!r.ok) { rows.replaceChildren(el("tr", {}, el("td", { colspan: "6", text: HKD.problemText(r) }))); total.textContent = ""; return; }
    const items = r.data.items || [];
    const understood = r.data.places;
    places.textContent = understood == null ? "" : understood.length ? t("places") + " " + understood.join("; ") : t("no_place");
    total.textContent = t("total") + " " + (r.data.total ?? items.length);
    rows.replaceChildren(...(items.length ? items.map((it) => {
      const id = pick(it, "id", "business_id");
      const status = pick(it, "current_status", "status");
      return el("tr", { "data-business-id": id },
        el("td", { text: pick(it, "registration_number", "identifier", "tax_code", "code") }),
        el("td", {}, el("a", { href: "/businesses/" + id }, HKD.nfc(pick(it, "business_name", "name")))),
        el("td", { text: HKD.nfc(pick(it, "owner_name", "owner.full_name", "owner")) }),
        el("td", { text: HKD.nfc(pick(it, "address")) }),
        el("td", { text: HKD.formatDate(it.first_registered_on) }),
        el("td", {}, status ? el("span", { class: "badge " + (status === "active" ? "ok" : "warn"), text: t("status." + status) === "status." + status ? status : t("status." + status) }) : ""));
    }) : [el("tr", {}, el("td", { colspan: "6", class: "muted", text: t("empty_results") }))]));
    prev.disabled = offset === 0;
    next.disabled = items.length < LIMIT;
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); offset = 0; search(); });
  prev.addEventListener("click", () => { offset = Math.max(0, offset - LIMIT); search(); });
  next.addEventListener("click", () => { offset += LIMIT; search(); });
  search();
})();
