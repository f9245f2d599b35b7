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
