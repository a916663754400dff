// A button marked data-once is disabled after the first click, so a slow connection
// and an impatient thumb do not send the form twice. The server is idempotent anyway.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.submitted) { event.preventDefault(); return; }
  form.dataset.submitted = "1";
  form.querySelectorAll("[data-once]").forEach(function (button) {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
  });
});

// A page whose documents are being prepared (data-refresh-seconds on its notice) asks
// again by itself, but never while the person is filling in a form on it: then it waits.
(function () {
  var notice = document.querySelector("[data-refresh-seconds]");
  if (!notice) { return; }
  var seconds = parseInt(notice.dataset.refreshSeconds, 10) || 5;
  var typed = false;
  document.addEventListener("input", function () { typed = true; });
  function busy() {
    var active = document.activeElement;
    return typed || (active && active.closest && active.closest("form") &&
      active.matches("input, select, textarea"));
  }
  function reload() {
    if (busy()) { window.setTimeout(reload, seconds * 1000); return; }
    window.location.reload();
  }
  window.setTimeout(reload, seconds * 1000);
})();

// After a refused submit the page comes back with the message at the top: the focus
// goes to it (read out, and the keyboard continues from there) unless the page has
// put it elsewhere. A folded section the address points at (#action-refuse) opens.
// On "load", not earlier: scrolling to the address's #fragment resets the focus.
window.addEventListener("load", function () {
  if (window.location.hash) {
    var target = document.getElementById(window.location.hash.slice(1));
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  // The applicant's pages have their own error summary (applicant.js focuses it).
  if (document.querySelector("[data-error-summary]")) { return; }
  if (document.activeElement && document.activeElement !== document.body) { return; }
  // A message after a redirect, else a form shown again with its errors: its first
  // field in error (its message is tied to it, so it is read out with it).
  var target = document.querySelector("[data-focus-on-load]") ||
    document.querySelector("main .is-invalid, main [aria-invalid=true]");
  if (target) { target.focus(); }
});
