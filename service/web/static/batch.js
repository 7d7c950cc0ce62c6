/* The split editor: every page's thumbnail in its document, the reason of each boundary, uncertain
   boundaries listed first. A correction is a page kind (new document here, join, blank, as classified)
   posted to POST /api/batches/{id}/split; the server splits again and re-reads only what changed. */
"use strict";
(function () {
  const { t, el, api } = HKD;
  const root = document.getElementById("batch-root");
  if (!root) return;
  const id = root.dataset.batchId;
  const canReview = root.dataset.canReview === "yes";
  const split = document.getElementById("split");
  const message = document.getElementById("batch-message");
  let view = null;
  let focused = null;  // page number with keyboard focus
  let timer = null;

  const reasons = (text) => String(text || "").split(",").filter(Boolean).map((r) => t("batch.reason." + r)).join(", ");

  async function load() {
    const result = await api("GET", "/api/batches/" + id);
    if (!result.ok) { message.textContent = HKD.problemText(result); return; }
    view = result.data;
    render();
    const b = view.batch;
    const p = view.progress;
    const busy = ["queued", "running", "retrying"].includes(b.status) || p.processed + p.failed < p.found;
    clearTimeout(timer);
    if (busy) timer = setTimeout(load, 2000);
  }

  function render() {
    const b = view.batch;
    const label = b.label;
    document.getElementById("batch-label").textContent = t("batch.label", {
      box: label.box || "—", commune: label.commune || "—", scanned_by: label.scanned_by || "—",
      scanned_on: label.scanned_on ? HKD.formatDate(label.scanned_on) : "—",
    });
    const status = document.getElementById("batch-status");
    status.textContent = b.status === "succeeded" ? t("batch.outcome." + b.outcome) : t("batch.status." + b.status);
    status.className = "badge " + (b.status === "succeeded" && b.outcome === "split" ? "ok" : ["failed", "dead"].includes(b.status) ? "bad" : "");
    document.getElementById("batch-progress").textContent = t("batch.progress", view.progress);
    const pages = new Map(view.pages.map((p) => [p.number, p]));
    const flagged = document.getElementById("flagged-list");
    flagged.replaceChildren();
    split.replaceChildren();
    view.children.forEach((child, index) => {
      const first = child.pages[0], last = child.pages[child.pages.length - 1];
      const title = t("batch.document", { n: index + 1 }) + " · " + t("batch.role." + child.role) + " · " + t("batch.pages", { from: first, to: last });
      const head = el("header", { class: "split-head" },
        el("h3", { text: title }),
        child.uncertain ? el("span", { class: "badge warn", text: t("batch.uncertain") }) : null,
        el("span", { class: "small muted", text: reasons(child.reason) + (child.attached_to !== null ? " · " + t("batch.attached_to", { n: child.attached_to + 1 }) : "") }),
        child.document_id && canReview ? el("a", { href: "/review/" + child.document_id, text: t("batch.open") + " #" + child.document_id }) : null,
        child.document_status ? el("span", { class: "badge doc-status", text: t("batch.doc." + child.document_status) }) : null,
        index > 0 ? el("button", { type: "button", class: "link", "data-action": "merge", onclick: () => edit({ [first]: "continuation" }), text: t("batch.merge") }) : null,
        index > 0 ? el("button", { type: "button", class: "link", "data-action": "earlier", onclick: () => moveBoundary(index, -1), text: t("batch.earlier") }) : null,
        child.pages.length > 1 ? el("button", { type: "button", class: "link", "data-action": "later", onclick: () => moveBoundary(index, 1), text: t("batch.later") }) : null,
      );
      const strip = el("div", { class: "split-pages" }, child.pages.map((n) => pageCard(pages.get(n))));
      const section = el("section", { class: "split-doc" + (child.uncertain ? " uncertain" : ""), id: "doc-" + index, "data-role": child.role, "data-pages": child.pages.join(",") }, head, strip);
      split.append(section);
      if (child.uncertain || (child.doubtful || []).length) {
        // why it is flagged: its doubtful pages with their reasons (an unreadable page inside, say), else the boundary's
        const doubts = (child.doubtful || []).map((n) => t("batch.page_doubt", { n, why: reasons(pages.get(n).reasons.join(",")) }));
        flagged.append(el("li", {}, el("a", { href: "#doc-" + index, text: title + " — " + (doubts.length ? doubts.join("; ") : reasons(child.reason)) })));
      }
    });
    const blanks = view.pages.filter((p) => p.kind === "blank");
    blanks.filter((p) => p.doubtful).forEach((p) => flagged.append(el("li", {}, el("a", { href: "#blanks", text: t("batch.dropped_blank", { n: p.number, why: reasons(p.reasons.join(",")) }) }))));
    if (blanks.length) {
      split.append(el("section", { class: "split-doc blanks", id: "blanks", "data-role": "blank" },
        el("header", { class: "split-head" }, el("h3", { text: t("batch.blanks") + " (" + blanks.length + ")" })),
        el("div", { class: "split-pages" }, blanks.map(pageCard))));
    }
    document.getElementById("flagged-section").hidden = !flagged.children.length;
    if (focused) { const node = split.querySelector('[data-page="' + focused + '"]'); if (node) node.focus(); }
  }

  function pageCard(page) {
    const caption = t("batch.page", { n: page.number }) + " · " + t("batch.kind." + page.kind) + " · " + Math.round(page.confidence * 100) + "%";
    const buttons = [
      ["certificate_first", t("batch.new_here")], ["continuation", t("batch.join")], ["other", t("batch.attach")], ["blank", t("batch.blank")], [null, t("batch.restore")],
    ].map(([kind, text]) => el("button", { type: "button", class: "link", "data-kind": kind || "restore", onclick: () => edit({ [page.number]: kind }), text }));
    const card = el("figure", { class: "split-page" + (page.overridden ? " overridden" : "") + (page.confidence < 0.75 ? " unsure" : ""), tabindex: "0", "data-page": page.number, "aria-label": caption },
      el("img", { src: "/api/batches/" + id + "/pages/" + page.number + ".png", alt: caption, loading: "lazy", width: "120" }),
      el("figcaption", { class: "small" }, caption, el("br"), el("span", { class: "muted", text: reasons(page.reasons.join(",")) })),
      el("div", { class: "split-actions" }, buttons));
    card.addEventListener("focus", () => { focused = page.number; });
    return card;
  }

  function moveBoundary(index, step) {
    const child = view.children[index];
    const first = child.pages[0];
    if (step < 0) {
      const before = view.children[index - 1].pages;
      edit({ [before[before.length - 1]]: "certificate_first", [first]: "continuation" });
    } else {
      edit({ [first]: "continuation", [child.pages[1]]: "certificate_first" });
    }
  }

  async function edit(overrides) {
    message.textContent = t("batch.saving");
    const result = await api("POST", "/api/batches/" + id + "/split", { overrides });
    if (!result.ok) { message.textContent = HKD.problemText(result); return; }
    view = result.data;
    message.textContent = t("batch.saved");
    render();
    clearTimeout(timer);
    timer = setTimeout(load, 2000);
  }

  const KEYS = { n: "certificate_first", j: "continuation", a: "other", b: "blank", r: null };
  split.addEventListener("keydown", (event) => {
    const card = event.target.closest(".split-page");
    if (!card || event.target.tagName === "BUTTON") return;
    const cards = Array.from(split.querySelectorAll(".split-page"));
    const at = cards.indexOf(card);
    const key = event.key.toLowerCase();
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      const next = cards[at + (event.key === "ArrowRight" ? 1 : -1)];
      if (next) { next.focus(); event.preventDefault(); }
    } else if (key in KEYS) {
      event.preventDefault();
      edit({ [card.dataset.page]: KEYS[key] });
    }
  });
  load();
})();
