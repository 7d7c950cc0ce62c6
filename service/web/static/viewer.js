/* Page image viewer: zoom (buttons, wheel), pan (drag, touch), rotate by 90°, field boxes, zoom to a box. */
"use strict";
window.Viewer = class Viewer {
  constructor(viewport, stage, img, overlay) {
    Object.assign(this, { viewport, stage, img, overlay });
    this.scale = 1; this.tx = 0; this.ty = 0; this.rotation = 0; this.w = 1; this.h = 1;
    this.bindPointer();
  }
  load(url, width, height) {
    return new Promise((resolve) => {
      this.img.onload = () => {
        this.w = this.img.naturalWidth || width; this.h = this.img.naturalHeight || height;
        this.overlay.setAttribute("width", this.w); this.overlay.setAttribute("height", this.h);
        this.overlay.setAttribute("viewBox", "0 0 " + this.w + " " + this.h);
        this.fit(); resolve(true);
      };
      this.img.onerror = () => resolve(false);
      this.img.src = url;
    });
  }
  rotatedSize() { return this.rotation % 180 === 0 ? [this.w, this.h] : [this.h, this.w]; }
  /** Image pixel → stage coordinates after rotation (before scale). */
  rotatePoint(x, y) {
    switch (this.rotation) {
      case 90: return [this.h - y, x];
      case 180: return [this.w - x, this.h - y];
      case 270: return [y, this.w - x];
      default: return [x, y];
    }
  }
  apply() {
    const r = this.rotation;
    const pre = r === 90 ? "rotate(90deg) translate(0px," + -this.h + "px)" : r === 180 ? "rotate(180deg) translate(" + -this.w + "px," + -this.h + "px)" : r === 270 ? "rotate(270deg) translate(" + -this.w + "px,0px)" : "";
    this.stage.style.transform = "translate(" + this.tx + "px," + this.ty + "px) scale(" + this.scale + ") " + pre;
  }
  fit() {
    const [rw, rh] = this.rotatedSize();
    const vw = this.viewport.clientWidth, vh = this.viewport.clientHeight;
    this.scale = Math.min(vw / rw, vh / rh) * 0.98;
    this.tx = (vw - rw * this.scale) / 2; this.ty = (vh - rh * this.scale) / 2;
    this.apply();
  }
  zoomAt(factor, cx, cy) {
    const vw = this.viewport.clientWidth, vh = this.viewport.clientHeight;
    if (cx === undefined) { cx = vw / 2; cy = vh / 2; }
    const next = Math.max(0.05, Math.min(8, this.scale * factor));
    this.tx = cx - ((cx - this.tx) * next) / this.scale; this.ty = cy - ((cy - this.ty) * next) / this.scale;
    this.scale = next; this.apply();
  }
  rotate() { this.rotation = (this.rotation + 90) % 360; this.fit(); }
  /** Centre the box [x, y, w, h] (image pixels) and zoom so it fills most of the viewport's width. */
  zoomToBox(b) {
    if (!b) return;
    const pts = [[b[0], b[1]], [b[0] + b[2], b[1]], [b[0], b[1] + b[3]], [b[0] + b[2], b[1] + b[3]]].map(([x, y]) => this.rotatePoint(x, y));
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    const bw = Math.max(...xs) - Math.min(...xs), bh = Math.max(...ys) - Math.min(...ys);
    const vw = this.viewport.clientWidth, vh = this.viewport.clientHeight;
    this.scale = Math.min(1.1, (vw * 0.7) / Math.max(bw, 1), (vh * 0.3) / Math.max(bh, 1));
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2, cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    this.tx = vw / 2 - cx * this.scale; this.ty = vh / 2 - cy * this.scale;
    this.apply();
  }
  drawBoxes(boxes, selected) {
    const ns = "http://www.w3.org/2000/svg";
    this.overlay.replaceChildren(...boxes.map((b) => {
      const r = document.createElementNS(ns, "rect");
      r.setAttribute("x", b.bbox[0]); r.setAttribute("y", b.bbox[1]);
      r.setAttribute("width", b.bbox[2]); r.setAttribute("height", b.bbox[3]);
      r.setAttribute("class", b.status + (b.path === selected ? " selected" : ""));
      r.dataset.path = b.path;
      return r;
    }));
  }
  drawCrop(canvas, b) {
    const box = canvas.closest("figure");
    if (box) box.hidden = !b;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (!b || !this.img.complete) return;
    const pad = 8, sx = Math.max(0, b[0] - pad), sy = Math.max(0, b[1] - pad), sw = b[2] + 2 * pad, sh = b[3] + 2 * pad;
    const k = Math.min(canvas.width / sw, canvas.height / sh);
    ctx.drawImage(this.img, sx, sy, sw, sh, 0, 0, sw * k, sh * k);
  }
  bindPointer() {
    let start = null;
    this.viewport.addEventListener("pointerdown", (e) => { start = [e.clientX, e.clientY, this.tx, this.ty]; this.viewport.setPointerCapture(e.pointerId); this.viewport.classList.add("dragging"); });
    this.viewport.addEventListener("pointermove", (e) => { if (!start) return; this.tx = start[2] + e.clientX - start[0]; this.ty = start[3] + e.clientY - start[1]; this.apply(); });
    const end = () => { start = null; this.viewport.classList.remove("dragging"); };
    this.viewport.addEventListener("pointerup", end); this.viewport.addEventListener("pointercancel", end);
    this.viewport.addEventListener("wheel", (e) => {
      e.preventDefault();
      const rect = this.viewport.getBoundingClientRect();
      this.zoomAt(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - rect.left, e.clientY - rect.top);
    }, { passive: false });
  }
};
