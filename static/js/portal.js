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
