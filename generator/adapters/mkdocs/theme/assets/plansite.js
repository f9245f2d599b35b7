/* Plansite: the navigation drawer's menu button (WCAG 2.1.1 keyboard, 4.1.2 name, role, value).
   Material opens its drawer on narrow screens with a <label> that only a pointer can use. The
   adapter puts a real <button> (hidden) beside it; this shows the button instead of the label,
   keeps aria-expanded in step with Material's checkbox, moves focus into the opened drawer,
   and closes it on Escape (focus back on the button) or when focus leaves it. */
(function () {
  var button = document.querySelector(".ps-menu-button");
  var drawer = document.getElementById("__drawer");
  var panel = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!drawer || !panel) return;
  document.querySelector('.md-header__button[for="__drawer"]').hidden = true;
  button.hidden = false;

  function sync() { button.setAttribute("aria-expanded", String(drawer.checked)); }
  function setOpen(open) { if (drawer.checked !== open) drawer.click(); }  // as Material does

  drawer.addEventListener("change", sync);
  button.addEventListener("click", function () {
    setOpen(!drawer.checked);
    var first = drawer.checked && panel.querySelector("a[href], button, input, [tabindex='0']");
    if (first) first.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      setOpen(false);
      button.focus();
    }
  });
  document.addEventListener("focusin", function (event) {
    if (drawer.checked && event.target !== button && !panel.contains(event.target)) setOpen(false);
  });
  sync();
})();

/* Plansite: tables become stacked cards at 480px and narrower (plansite.css). Each body cell
   is labelled with its column's heading (data-label, shown by CSS and hidden from screen
   readers, which announce the real headers), and the table's roles are stated, because a
   table shown as blocks loses its table semantics in some browsers. Without JavaScript a
   table stays a table in its scrollable region. */
(function () {
  var roles = { TABLE: "table", THEAD: "rowgroup", TBODY: "rowgroup", TFOOT: "rowgroup", TR: "row", TD: "cell" };
  document.querySelectorAll("table.ps-table").forEach(function (table) {
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head) return;
    var labels = [];
    Array.prototype.forEach.call(head.cells, function (th) {
      for (var i = 0; i < (th.colSpan || 1); i++) labels.push(th.textContent.trim());
    });
    table.querySelectorAll("*").forEach(function (el) {
      if (el.tagName === "TH") el.setAttribute("role", el.closest("thead") ? "columnheader" : "rowheader");
      else if (roles[el.tagName]) el.setAttribute("role", roles[el.tagName]);
    });
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (labels[column]) cell.setAttribute("data-label", labels[column]);
          column += cell.colSpan || 1;
        });
      });
    });
    table.setAttribute("data-ps-cards", "");
  });
})();
