/* The course timeline: filter events by relationship (checkboxes) and theme (select).
 *
 * The page already lists every event as plain HTML, so without JavaScript the reader gets the whole list. This script
 * only reveals the filter form (hidden until then, because it would do nothing without a script), hides events that do
 * not match, and announces the count in the form's role="status" line. It needs no network and no libraries.
 */
(function () {
  "use strict";

  function init(root) {
    if (root.dataset.timelineReady === "1") return;
    root.dataset.timelineReady = "1";
    var form = root.querySelector(".course-timeline-filters");
    var status = root.querySelector(".course-timeline-status");
    var events = Array.prototype.slice.call(root.querySelectorAll(".course-timeline-event"));
    var empty = root.querySelector(".course-timeline-empty");
    if (!form || !status) return;

    function checkedValues(name) {
      return Array.prototype.slice
        .call(form.querySelectorAll('input[name="' + name + '"]:checked'))
        .map(function (box) { return box.value; });
    }

    function labelsOf(name) {
      return Array.prototype.slice
        .call(form.querySelectorAll('input[name="' + name + '"]:checked'))
        .map(function (box) { return box.dataset.label || box.value; });
    }

    function apply() {
      var relationships = checkedValues("relationship");
      var theme = form.querySelector("select[name=theme]").value;
      var shown = 0;
      events.forEach(function (item) {
        var match = relationships.indexOf(item.dataset.relationship) !== -1 && (theme === "" || item.dataset.theme === theme);
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (empty) empty.hidden = shown !== 0;
      var parts = [];
      parts.push(relationships.length ? labelsOf("relationship").join(", ") : "no relationship selected");
      var select = form.querySelector("select[name=theme]");
      parts.push(theme === "" ? "all themes" : "theme: " + (select.options[select.selectedIndex].dataset.label || theme));
      status.textContent = "Showing " + shown + " of " + events.length + " events: " + parts.join("; ") + ".";
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    var reset = form.querySelector(".course-timeline-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        form.querySelectorAll('input[name="relationship"]').forEach(function (box) { box.checked = true; });
        form.querySelector("select[name=theme]").value = "";
        apply();
      });
    }
    form.hidden = false;
    apply();
  }

  function initAll() {
    document.querySelectorAll(".course-timeline").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
