(function () {
  "use strict";
  // Filters: a conflict card shows when it matches every selected filter.
  var selects = document.querySelectorAll("select[data-filter]");
  var cards = document.querySelectorAll("article.conflict");
  var shown = document.getElementById("shown");
  function applyFilters() {
    var n = 0;
    cards.forEach(function (card) {
      var ok = true;
      selects.forEach(function (sel) {
        if (sel.value && card.getAttribute("data-" + sel.getAttribute("data-filter")) !== sel.value) ok = false;
      });
      card.hidden = !ok;
      if (ok) n += 1;
    });
    if (shown) shown.textContent = String(n);
  }
  selects.forEach(function (sel) { sel.addEventListener("change", applyFilters); });

  // Claims table: rows whose text contains every word typed.
  var search = document.getElementById("claim-search");
  var rows = document.querySelectorAll("#claims tbody tr");
  var count = document.getElementById("claims-shown");
  function applySearch() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var n = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !ok;
      if (ok) n += 1;
    });
    if (count) count.textContent = String(n);
  }
  if (search) search.addEventListener("input", applySearch);

  applyFilters();
  // Marks the page as scripted: tests check that this page's own script ran.
  document.documentElement.setAttribute("data-report-js", "ready");
})();
