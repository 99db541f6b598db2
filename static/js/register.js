// Registration: the agenda-item choice follows the chosen meeting. Without JavaScript the
// "Agendapunten ... tonen" button asks the server for the same list.
document.addEventListener("DOMContentLoaded", () => {
  const meeting = document.getElementById("id_meeting");
  const item = document.getElementById("id_agenda_item");
  const data = document.getElementById("agenda-items");
  if (!meeting || !item || !data) return;
  const items = JSON.parse(data.textContent);
  document.querySelectorAll(".js-hide").forEach((el) => { el.hidden = true; });
  const fill = () => {
    const chosen = item.value;
    item.replaceChildren(new Option("---------", ""));
    for (const [pk, label] of items[meeting.value] || []) {
      item.add(new Option(label, pk, false, String(pk) === chosen));
    }
  };
  meeting.addEventListener("change", fill);
  fill();
});
