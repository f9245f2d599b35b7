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

/* Plansite: find and compare. A form[data-ps-find] (hidden without JavaScript, when the page
   offers the same views as grouped lists) filters the [data-ps-item] elements of its target
   by their data-<name> values (space-separated), sorts them by data-sort-<key>, and says how
   many are shown. A list left empty is hidden with the heading just before it. */
(function () {
  document.querySelectorAll("form[data-ps-find]").forEach(function (form) {
    var target = document.getElementById(form.getAttribute("data-ps-find"));
    if (!target) return;
    var items = Array.prototype.slice.call(target.querySelectorAll("[data-ps-item]"));
    var count = form.querySelector(".ps-find__count");
    var filters = Array.prototype.filter.call(form.querySelectorAll("select"), function (s) { return s.name !== "sort"; });
    var sort = form.querySelector("select[name='sort']");

    function key(item, name) {
      var value = item.getAttribute("data-sort-" + name) || "";
      return isNaN(Number(value)) || value === "" ? value.toLowerCase() : Number(value);
    }
    function update() {
      var shown = 0;
      items.forEach(function (item) {
        var visible = filters.every(function (select) {
          return !select.value || (item.getAttribute("data-" + select.name) || "").split(" ").indexOf(select.value) >= 0;
        });
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      if (sort) {
        var order = items.slice().sort(function (a, b) {
          var x = key(a, sort.value), y = key(b, sort.value);
          return x < y ? -1 : x > y ? 1 : items.indexOf(a) - items.indexOf(b);
        });
        order.forEach(function (item) { item.parentNode.appendChild(item); });
      }
      target.querySelectorAll("ul").forEach(function (list) {
        var empty = list.querySelector("[data-ps-item]") && !list.querySelector("[data-ps-item]:not([hidden])");
        list.hidden = !!empty;
        var heading = list.previousElementSibling;
        if (heading && /^H[2-6]$/.test(heading.tagName)) heading.hidden = !!empty;
      });
      count.textContent = count.getAttribute("data-ps-words").replace("{shown}", shown).replace("{total}", items.length);
    }
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    update();
  });
})();
