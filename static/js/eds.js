// Signing with an EDS through NCALayer, the program of Kazakhstan's PKI that holds the
// person's keys on their computer and answers on a local WebSocket. The page gives the
// application's canonical content (base64); NCALayer returns a detached CMS over it,
// which the form sends to the server, where NCANode checks it. Without NCALayer the page
// says so and the SMS code remains.
(function () {
  var form = document.querySelector("[data-eds-form]");
  if (!form) { return; }
  var button = form.querySelector("[data-eds-sign]");
  var status = form.querySelector("[data-eds-status]");
  var field = form.querySelector("input[name=cms]");
  function show(kind) {
    status.textContent = status.dataset[kind];
    status.hidden = false;
    status.focus();
    button.disabled = false;
  }
  button.addEventListener("click", function () {
    var socket;
    button.disabled = true;
    try {
      socket = new WebSocket("wss://127.0.0.1:13579/");
    } catch (error) {
      show("unavailable");
      return;
    }
    var answered = false;
    socket.onopen = function () {
      socket.send(JSON.stringify({
        module: "kz.gov.pki.knca.commonUtils",
        method: "createCMSSignatureFromBase64",
        args: ["PKCS12", "SIGNATURE", form.dataset.content, false]
      }));
    };
    socket.onmessage = function (event) {
      var answer;
      try { answer = JSON.parse(event.data); } catch (error) { return; }
      if (answer.code === undefined) { return; }  // NCALayer's greeting (its version)
      answered = true;
      socket.close();
      if (String(answer.code) === "200" && answer.responseObject) {
        field.value = answer.responseObject;
        form.submit();
      } else {
        show("refused");
      }
    };
    socket.onerror = function () { if (!answered) { show("unavailable"); } };
  });
})();
