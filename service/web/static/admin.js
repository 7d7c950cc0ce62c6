/* Admin page: every form and button calls the admin API with the CSRF header (HKD.api), then the page
   reloads with ?done=<what> so the lists are the server's; a refusal is shown in the banner. */
"use strict";
(function () {
  const { api, banner, problemText } = HKD;
  const root = document.getElementById("admin");
  const box = document.getElementById("admin-banner");
  const users = "/api/admin/users/";

  /** What each action sends: [method, url, body, done-key]. */
  function request(action, node, form) {
    const id = node.dataset.userId;
    const value = (name) => (form ? form.elements[name].value : "");
    switch (action) {
      case "create": return ["POST", "/api/admin/users", { username: value("username").trim(), display_name: value("display_name").trim(), role: value("role"), password: value("password") }, "created"];
      case "role": return ["PUT", users + id + "/role", { role: value("role") }, "role"];
      case "communes": {  // codes separated by commas or spaces; none: the whole province
        const codes = value("communes").split(/[\s,;]+/).filter(Boolean);
        return ["PUT", users + id + "/communes", { communes: codes.length ? codes : null }, "communes"];
      }
      case "password": return ["PUT", users + id + "/password", { password: value("password") }, "password"];
      case "disable": return ["POST", users + id + "/disable", undefined, "disabled"];
      case "enable": return ["POST", users + id + "/enable", undefined, "enabled"];
      case "revoke": return ["DELETE", "/api/admin/tokens/" + node.dataset.tokenId, undefined, "revoked"];
    }
    return null;
  }

  async function run(action, node, form) {
    const call = request(action, node, form);
    if (!call) return;
    const controls = form ? Array.from(form.querySelectorAll("button, input, select")) : [node];
    controls.forEach((c) => { c.disabled = true; });
    const result = await api(call[0], call[1], call[2]);
    if (result.ok) { location.href = "/admin/users?done=" + call[3]; return; }
    controls.forEach((c) => { c.disabled = false; });
    banner(box, "error", problemText(result));
    (form ? form.querySelector("input, select") : node).focus();
  }

  root.addEventListener("submit", (e) => {
    const form = e.target.closest("form[data-action]");
    if (!form) return;
    e.preventDefault();
    run(form.dataset.action, form, form);
  });
  root.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-action]");
    if (button) run(button.dataset.action, button, null);
  });
  /* Times in the viewer's own time zone (the server renders them in UTC). */
  root.querySelectorAll("time[datetime]").forEach((node) => { node.textContent = HKD.formatDate(node.getAttribute("datetime"), true); });
})();
