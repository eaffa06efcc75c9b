// Live updates for Webchat and the buyer chat page. The server announces changes over
// Server-Sent Events; this fetches the page again and swaps in the parts marked
// data-live, leaving what the user is typing alone. Without JavaScript, pages still
// work on reload.
(function () {
  // A conversation opens at its newest message, and follows new ones while the reader
  // is at the bottom; someone reading older messages is left where they are.
  function atBottom(list) {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  }
  function toNewest(list) { list.scrollTop = list.scrollHeight; }
  document.querySelectorAll(".history").forEach(toNewest);
  var marker = document.querySelector('meta[name="live-events"]');
  if (!marker || !window.EventSource) return;
  var busy = false;
  var again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live]").forEach(function (part) {
          var next = fresh.getElementById(part.id);
          if (!next) return;
          var follow = part.classList.contains("history") && atBottom(part);
          part.innerHTML = next.innerHTML;
          if (follow) toNewest(part);
        });
        document.dispatchEvent(new CustomEvent("live:refreshed"));
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }
  var source = new EventSource(marker.content);
  source.addEventListener("chat", refresh);
  // The server could not replay everything this page missed: start afresh.
  source.addEventListener("reload", function () { window.location.reload(); });
})();
