// Live character counter and buyer preview for automatic-reply text areas.
// The page works without it: the server renders the saved text and its length.
document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
  var counter = document.getElementById(area.dataset.counter);
  var preview = area.dataset.preview ? document.getElementById(area.dataset.preview) : null;
  function update() {
    var length = Array.from(area.value).length;
    if (counter) counter.textContent = String(length);
    if (preview) preview.textContent = area.value;
  }
  area.addEventListener("input", update);
  update();
});
