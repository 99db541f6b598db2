// Drag and drop for the agenda builder (progressive enhancement: the buttons omhoog,
// omlaag, inspringen and terug work without JavaScript and from the keyboard).
// A main item moves with its sub-items; a sub-item dropped after a main item (or one of
// its sub-items) becomes a sub-item of that main item, dropped at the top it becomes a
// main item. The new order goes to the server as "id:main,id:main,..." and is checked there.
(function () {
  "use strict";
  const list = document.querySelector(".agenda-builder");
  if (!list) return;
  const form = document.getElementById(list.dataset.reorderForm);
  if (!form) return;
  const rows = () => Array.from(list.querySelectorAll(":scope > .agenda-row"));
  let dragged = null;

  document.querySelectorAll(".js-drag-hint").forEach((hint) => { hint.hidden = false; });
  rows().forEach((row) => {
    const handle = row.querySelector(".drag-handle");
    if (handle) handle.hidden = false;
    row.draggable = true;
    row.addEventListener("dragstart", (event) => {
      dragged = row;
      row.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.dataset.item);
    });
    row.addEventListener("dragend", () => {
      row.classList.remove("dragging");
      rows().forEach((r) => r.classList.remove("drop-target"));
    });
    row.addEventListener("dragover", (event) => {
      if (!dragged || dragged === row) return;
      event.preventDefault();
      row.classList.add("drop-target");
    });
    row.addEventListener("dragleave", () => row.classList.remove("drop-target"));
    row.addEventListener("drop", (event) => {
      event.preventDefault();
      row.classList.remove("drop-target");
      if (!dragged || dragged === row) return;
      move(dragged, row);
      submit();
    });
  });

  // The dragged row (with its sub-items when it is a main item) goes right after target.
  function move(source, target) {
    const block = [source];
    if (!source.dataset.parent) {
      let next = source.nextElementSibling;
      while (next && next.dataset.parent === source.dataset.item) {
        block.push(next);
        next = next.nextElementSibling;
      }
      if (block.includes(target)) return;
      // A main item lands after the target's whole family.
      let anchor = target;
      const main = target.dataset.parent || target.dataset.item;
      while (anchor.nextElementSibling && anchor.nextElementSibling.dataset.parent === main) {
        anchor = anchor.nextElementSibling;
      }
      anchor.after(...block);
    } else {
      target.after(source);
      source.dataset.parent = target.dataset.parent || target.dataset.item;
    }
  }

  function submit() {
    const order = rows().map((row) => row.dataset.item + ":" + (row.dataset.parent || ""));
    form.querySelector("input[name=volgorde]").value = order.join(",");
    form.submit();
  }
})();
