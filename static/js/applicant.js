// The applicant's question pages, enhanced (they work without this file):
// - the error summary takes the focus after a failed submit, so it is read out first,
//   and its links move the focus to the field itself;
// - a follow-up question appears as soon as the answer that makes it relevant is
//   chosen (without script it appears after the page is sent: the server decides);
// - a child just added (or the last one left after a removal) takes the focus.
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }

  function linkSummary() {
    document.querySelectorAll("[data-error-summary] a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) { return; }
        event.preventDefault();
        var group = target.closest("fieldset");
        (group || target).scrollIntoView({ block: "center" });
        target.focus({ preventScroll: true });
      });
    });
  }

  function revealFollowUps() {
    document.querySelectorAll("[data-follow-up-of]").forEach(function (box) {
      var form = box.closest("form");
      var name = box.getAttribute("data-follow-up-of");
      var value = box.getAttribute("data-follow-up-value");
      var marker = box.querySelector("input[name=asked]");
      function update() {
        var chosen = form.querySelector("input[name='" + name + "']:checked");
        var show = !!chosen && chosen.value === value;
        box.hidden = !show;
        if (marker) { marker.disabled = !show; }
      }
      form.querySelectorAll("input[name='" + name + "']").forEach(function (input) {
        input.addEventListener("change", update);
      });
      update();
    });
  }

  // The child just added ("Add another child"), or the last one left after "Remove":
  // its first field takes the focus.
  function focusAdded() {
    var added = document.querySelector("[data-child-focus] input, [data-child-focus] select");
    if (added) { added.focus(); }
  }

  function start() {
    revealFollowUps();
    linkSummary();
    focusAdded();
    focusSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
