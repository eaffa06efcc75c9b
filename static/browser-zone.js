// Fills a form's hidden time-zone field with the browser's own zone (IANA name), so a
// new account starts on the time its owner lives by. Without script the field stays
// empty and the server falls back (see the setup page).
(function () {
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) {
    zone = "";
  }
  document.querySelectorAll("input[data-browser-zone]").forEach(function (input) {
    if (!input.value) {
      input.value = zone;
    }
  });
})();
