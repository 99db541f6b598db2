// The inbox keeps itself current while documents are being anonymised: every two seconds it
// asks the server (documents:progress, JSON) how far each listed document is, what is queued
// and how many documents each status has. Progressive enhancement: without JavaScript the page
// shows the state at loading time. Screen readers hear the summary line (role=status) when it
// changes and a short note when a document is done, never every page.
(function () {
  "use strict";
  var INTERVAL = 2000;
  var MAX_INTERVAL = 30000;

  function init() {
    var table = document.querySelector("table[data-progress-url]");
    var summary = document.getElementById("run-summary");
    var announcements = document.getElementById("run-announcements");
    if (!table || !summary) return;
    var url = table.getAttribute("data-progress-url");
    var delay = INTERVAL;

    function rows() {
      return Array.prototype.slice.call(table.querySelectorAll("tr[data-document]"));
    }

    function anyRunning() {
      return rows().some(function (row) {
        return row.getAttribute("data-status") === "anonymising";
      });
    }

    function announce(text) {
      if (!announcements || !text) return;
      var line = document.createElement("p");
      line.textContent = text;
      announcements.appendChild(line);
      while (announcements.childNodes.length > 5) announcements.removeChild(announcements.firstChild);
    }

    function updateRow(row, run) {
      var before = row.getAttribute("data-status");
      row.setAttribute("data-status", run.status);
      var badge = row.querySelector("[data-part=status]");
      if (badge) {
        badge.className = "badge status-" + run.status;
        badge.textContent = run.status_label;
      }
      var box = row.querySelector("[data-part=progress]");
      var text = row.querySelector("[data-part=progress-text]");
      if (box && text) {
        var bar = box.querySelector("progress");
        if (run.state === "running" && run.pages_total > 0) {
          if (!bar) {
            bar = document.createElement("progress");
            bar.setAttribute("aria-label", box.getAttribute("data-label") || run.number);
            box.insertBefore(bar, text);
          }
          bar.max = run.pages_total;
          // Searching the whole text has no pages to count: a busy (indeterminate) bar.
          if (run.stage === "detecting") bar.removeAttribute("value");
          else bar.value = run.pages_done;
        } else if (bar) {
          box.removeChild(bar);
        }
        text.textContent = run.text;
      }
      var reason = row.querySelector("[data-part=reason]");
      if (reason) {
        reason.textContent = run.reason;
        reason.hidden = !run.reason;
      }
      if (before === "anonymising" && run.status !== "anonymising") {
        announce(run.number + ": " + run.status_label + (run.reason ? " — " + run.reason : ""));
      }
    }

    function update(data) {
      var byId = {};
      data.documents.forEach(function (run) { byId[String(run.id)] = run; });
      rows().forEach(function (row) {
        var run = byId[row.getAttribute("data-document")];
        if (run) updateRow(row, run);
      });
      Object.keys(data.counts).forEach(function (status) {
        var count = document.querySelector('strong[data-status="' + status + '"]');
        if (count) count.textContent = String(data.counts[status]);
      });
      var total = document.querySelector("strong[data-total]");
      if (total) total.textContent = String(data.total);
      if (summary.textContent !== data.summary.text) summary.textContent = data.summary.text;
      summary.setAttribute("data-busy", String(data.summary.busy));
    }

    function busy() {
      return summary.getAttribute("data-busy") === "true" || anyRunning();
    }

    function poll() {
      if (document.hidden) return schedule();
      var ids = rows().map(function (row) { return row.getAttribute("data-document"); });
      fetch(url + "?ids=" + ids.join(","), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          delay = INTERVAL;
          update(data);
          table.setAttribute("data-progress-updated", String(Date.now()));
          if (busy()) schedule();
        })
        .catch(function () {
          delay = Math.min(delay * 2, MAX_INTERVAL); // the server is away: ask less often
          schedule();
        });
    }

    function schedule() {
      window.setTimeout(poll, delay);
    }

    if (busy()) schedule();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
