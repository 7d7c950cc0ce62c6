/* Shared helpers: messages, CSRF, JSON calls, safe DOM building, Vietnamese formats. */
"use strict";
window.HKD = (function () {
  const msg = JSON.parse(document.getElementById("hkd-messages").textContent);
  const lang = document.documentElement.lang || "vi";
  /* The server's HKD_TIMEZONE: times read the same on every screen, whatever the PC's clock zone. */
  const timeZone = document.documentElement.dataset.timezone || "Asia/Ho_Chi_Minh";
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  function t(key, values) {
    let text = msg[key] || key;
    if (values) for (const [k, v] of Object.entries(values)) text = text.replace("{" + k + "}", v);
    return text;
  }
  async function api(method, url, body) {
    const init = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (method !== "GET") init.headers["X-CSRF-Token"] = csrf;
    if (body !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    let response;
    try { response = await fetch(url, init); } catch (e) { return { ok: false, status: 0, data: { message_vi: String(e) } }; }
    let data = null;
    const type = response.headers.get("content-type") || "";
    if (type.includes("json")) data = await response.json();
    if (response.status === 401) { location.href = "/login?next=" + encodeURIComponent(location.pathname + location.search); }
    return { ok: response.ok, status: response.status, data };
  }
  /** The message for a problem response, in the page's language (the server's Vietnamese text first). */
  function problemText(result) {
    const d = result.data || {};
    if (result.status === 404 && (!d.message_vi || d.detail === "Not Found")) return t("not_ready");
    if (lang === "en") return d.detail || d.title || ("HTTP " + result.status);
    return d.message_vi || d.detail || ("HTTP " + result.status);
  }
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    return node;
  }
  function nfc(s) { return s === null || s === undefined ? "" : String(s).normalize("NFC"); }
  function pad(n) { return String(n).padStart(2, "0"); }
  /** ISO date or datetime → dd/mm/yyyy (with HH:MM for datetimes when asked). */
  function formatDate(value, withTime) {
    if (!value) return "";
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(String(value));
    if (!m) return String(value);
    if (m[4] && withTime) {
      const parts = Object.fromEntries(clock.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
      return parts.day + "/" + parts.month + "/" + parts.year + " " + parts.hour + ":" + parts.minute;
    }
    return m[3] + "/" + m[2] + "/" + m[1];
  }
  /** dd/mm/yyyy → ISO (null when it is not a date). */
  function parseDate(text) {
    const m = /^\s*(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})\s*$/.exec(text);
    return m ? m[3] + "-" + pad(m[2]) + "-" + pad(m[1]) : null;
  }
  function formatMoney(n) {
    if (n === null || n === undefined || n === "") return "";
    return String(Math.trunc(Number(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }
  function debounce(fn, ms) { let h; return (...a) => { clearTimeout(h); h = setTimeout(() => fn(...a), ms); }; }
  function banner(node, kind, text) {
    node.replaceChildren(text ? el("p", { class: "alert " + kind, role: kind === "error" ? "alert" : null, text }) : "");
  }
  /* Log out with the CSRF token in the header: the auth middleware cannot read form fields (no body there). */
  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("logout-form");
    if (form) form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try { await fetch("/logout", { method: "POST", headers: { "X-CSRF-Token": csrf }, credentials: "same-origin" }); } finally { location.href = "/login"; }
    });
  });
  return { t, api, problemText, el, nfc, formatDate, parseDate, formatMoney, debounce, banner, csrf, lang, timeZone };
})();
