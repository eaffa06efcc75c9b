// The "At risk" page counts down every second and reloads its rows every 15 seconds,
// so chats appear, move and leave without a page load. Without script the server's
// rendering is the page (its countdowns as of the page load).
(function () {
  var box = document.getElementById("at-risk");
  if (!box) return;
  var loadedAt = Date.now();
  function clock(seconds) {
    var sign = seconds < 0 ? "\u2212" : "";
    var s = Math.abs(seconds);
    var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = s % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return sign + (h > 0 ? h + ":" + pad(m) : String(m)) + ":" + pad(sec);
  }
  function tick() {
    var passed = Math.floor((Date.now() - loadedAt) / 1000);
    box.querySelectorAll("td.countdown").forEach(function (cell) {
      var left = Number(cell.dataset.left) - passed;
      cell.querySelector(".countdown-clock").textContent = clock(left);
      cell.querySelector(".countdown-late").hidden = left > 0;
    });
    box.querySelectorAll("tr").forEach(function (row) {
      var first = row.querySelector("td.countdown");
      if (first) row.classList.toggle("late", Number(first.dataset.left) - passed <= 0);
    });
  }
  function refresh() {
    fetch(box.dataset.refresh, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { box.innerHTML = html; loadedAt = Date.now(); tick(); })
      .catch(function () { /* keep counting down; the next round tries again */ });
  }
  setInterval(tick, 1000);
  setInterval(refresh, 15000);
})();
