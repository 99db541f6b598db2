// The review page: position the proposed boxes, draw extra boxes with the mouse or type
// them with the keyboard, and zoom the page images. Coordinates are sent in PDF points.
document.addEventListener("DOMContentLoaded", () => {
  // Position the proposed boxes (percentages of the page); set from script because the
  // Content-Security-Policy forbids inline style attributes.
  document.querySelectorAll(".review-page .box[data-left]").forEach((box) => {
    for (const side of ["left", "top", "width", "height"]) box.style[side] = box.dataset[side] + "%";
  });

  // Zoom: one factor for every page image (original and anonymised side by side).
  const pages = document.querySelector(".review .pages");
  const toolbar = document.getElementById("zoom-toolbar");
  if (pages && toolbar) {
    const steps = [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5];
    let step = steps.indexOf(1);
    const output = document.getElementById("zoom-value");
    toolbar.hidden = false;
    toolbar.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-zoom]");
      if (!button) return;
      const delta = parseInt(button.dataset.zoom, 10);
      step = delta === 0 ? steps.indexOf(1) : Math.min(Math.max(step + delta, 0), steps.length - 1);
      pages.style.setProperty("--review-zoom", steps[step]);
      output.value = Math.round(steps[step] * 100) + "%";
    });
  }

  const input = document.getElementById("id_boxes");
  if (!input) return;
  const boxes = [];
  document.querySelectorAll(".review-page").forEach((figure) => {
    const img = figure.querySelector("img");
    const pageWidth = parseFloat(figure.dataset.width);
    const pageHeight = parseFloat(figure.dataset.height);
    let start = null;
    let ghost = null;
    const point = (event) => {
      const r = img.getBoundingClientRect();
      return { x: Math.min(Math.max(event.clientX - r.left, 0), r.width),
               y: Math.min(Math.max(event.clientY - r.top, 0), r.height), w: r.width, h: r.height };
    };
    figure.addEventListener("mousedown", (event) => {
      event.preventDefault();
      start = point(event);
      ghost = document.createElement("span");
      ghost.className = "box decision-accepted manual";
      figure.appendChild(ghost);
    });
    figure.addEventListener("mousemove", (event) => {
      if (!start) return;
      const p = point(event);
      Object.assign(ghost.style, {
        left: (100 * Math.min(start.x, p.x) / p.w) + "%", top: (100 * Math.min(start.y, p.y) / p.h) + "%",
        width: (100 * Math.abs(p.x - start.x) / p.w) + "%", height: (100 * Math.abs(p.y - start.y) / p.h) + "%",
      });
    });
    figure.addEventListener("mouseup", (event) => {
      if (!start) return;
      const p = point(event);
      const x0 = Math.min(start.x, p.x) / p.w * pageWidth, x1 = Math.max(start.x, p.x) / p.w * pageWidth;
      const y0 = Math.min(start.y, p.y) / p.h * pageHeight, y1 = Math.max(start.y, p.y) / p.h * pageHeight;
      start = null;
      if (x1 - x0 < 3 || y1 - y0 < 3) { ghost.remove(); return; }
      boxes.push({ page: parseInt(figure.dataset.page, 10), rect: [x0, y0, x1, y1] });
      input.value = JSON.stringify(boxes);
    });
  });

  // Keyboard: the typed box (millimetres) is previewed on its page as it changes; the
  // server adds it on submit, so this works without the preview too.
  const MM = 72 / 25.4;
  const field = (name) => document.getElementById("id_kb_" + name);
  let preview = null;
  const showPreview = () => {
    const [left, top, width, height] = ["left", "top", "width", "height"].map((n) => parseFloat(field(n).value));
    const figure = document.querySelector(`.review-page[data-page="${parseInt(field("page").value, 10) - 1}"]`);
    if (preview) preview.remove();
    preview = null;
    if (!figure || !(width > 0) || !(height > 0)) return;
    const w = parseFloat(figure.dataset.width), h = parseFloat(figure.dataset.height);
    preview = document.createElement("span");
    preview.className = "box decision-accepted manual keyboard-preview";
    Object.assign(preview.style, {
      left: (100 * (left || 0) * MM / w) + "%", top: (100 * (top || 0) * MM / h) + "%",
      width: (100 * width * MM / w) + "%", height: (100 * height * MM / h) + "%",
    });
    figure.appendChild(preview);
  };
  for (const name of ["page", "left", "top", "width", "height"]) {
    const el = field(name);
    if (el) el.addEventListener("input", showPreview);
  }
});
