/* Upload a scanned stack with its label (POST /api/batches), then open its split editor. */
"use strict";
(function () {
  const { t, csrf } = HKD;
  const form = document.getElementById("stack-form");
  if (!form) return;
  const message = document.getElementById("stack-message");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const typed = String(data.get("scanned_on") || "").trim();
    data.delete("scanned_on");
    if (typed) {
      const iso = HKD.parseDate(typed);
      if (!iso) { message.textContent = t("batch.bad_date"); return; }
      data.append("scanned_on", iso);
    }
    const commune = document.getElementById("upload-commune");  // a user of several communes chooses
    if (commune) data.append("commune_code", commune.value);
    message.textContent = t("uploading");
    let response;
    try {
      response = await fetch("/api/batches/", { method: "POST", body: data, credentials: "same-origin", headers: { "X-CSRF-Token": csrf, Accept: "application/json" } });
    } catch (e) { message.textContent = t("error") + " " + e; return; }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) { message.textContent = HKD.problemText({ status: response.status, data: body }); return; }
    location.href = "/batches/" + body.batch.id;
  });
})();
