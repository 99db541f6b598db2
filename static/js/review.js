// Draw extra redaction boxes on the review page; coordinates are sent in PDF points.
document.addEventListener("DOMContentLoaded", () => {
  // Position the proposed boxes (percentages of the page); set from script because the
  // Content-Security-Policy forbids inline style attributes.
  document.querySelectorAll(".review-page .box[data-left]").forEach((box) => {
    for (const side of ["left", "top", "width", "height"]) box.style[side] = box.dataset[side] + "%";
  });
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
});
