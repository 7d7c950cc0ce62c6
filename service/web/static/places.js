/* Place autocomplete for every <input data-places="commune|province">: suggestions from
   /api/refdata/places, both schemes, each with its province (and district before 2025), so that one
   name in two provinces is two choices; a pre-2025 unit says what it became. The server understands
   the typed text as well as a picked suggestion (rules/place_filter.py). */
"use strict";
(function () {
  const { t, el, api } = HKD;
  for (const input of document.querySelectorAll("input[data-places]")) {
    const list = document.getElementById(input.getAttribute("list"));
    if (!list) continue;
    input.addEventListener("input", HKD.debounce(async () => {
      const q = input.value.trim();
      if (q.length < 2) return;
      const url = "/api/refdata/places?kind=" + input.dataset.places + "&q=" + encodeURIComponent(q);
      const r = await api("GET", url);
      if (!r.ok || input.value.trim() !== q) return;  // an older answer, overtaken by more typing
      list.replaceChildren(...(r.data.items || []).map((s) => el("option", {
        value: s.value,
        label: s.scheme === "pre2025" ? t("place_before_2025", { now: s.now || "?" }) : t("place_2025"),
      })));
    }, 200));
  }
})();
