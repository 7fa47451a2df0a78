// Passkeys (WebAuthn) through SimpleWebAuthn's browser bundle: registering one on the two-factor page
// and using one at the second step of a sign-in. Without JavaScript the code forms still work.
(function () {
  "use strict";
  var lib = window.SimpleWebAuthnBrowser;
  if (!lib || !lib.browserSupportsWebAuthn()) return;

  function csrf() {
    var field = document.querySelector('input[name="_csrf"]');
    return field ? field.value : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json", "x-csrf-token": csrf() },
      body: JSON.stringify(body || {}),
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) throw new Error(json.error || "request failed");
        return json;
      });
    });
  }

  function wire(root, run) {
    var button = root.querySelector("[data-passkey-button]");
    var error = root.querySelector("[data-passkey-error]");
    var form = root.querySelector("[data-passkey-form]");
    if (form) form.hidden = false;
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      error.hidden = true;
      run()
        .then(function (answer) {
          window.location.assign(answer.redirect);
        })
        .catch(function () {
          error.hidden = false;
          button.disabled = false;
        });
    });
  }

  var login = document.querySelector("[data-passkey-login]");
  if (login) {
    var loginUrl = login.getAttribute("data-passkey-login");
    wire(login, function () {
      return post(loginUrl + "/options").then(function (options) {
        return lib.startAuthentication({ optionsJSON: options }).then(function (response) {
          return post(loginUrl, { response: response });
        });
      });
    });
  }

  var register = document.querySelector("[data-passkey-register]");
  if (register) {
    var registerUrl = register.getAttribute("data-passkey-register");
    wire(register, function () {
      var name = register.querySelector('input[name="passkeyName"]');
      return post(registerUrl + "/options").then(function (options) {
        return lib.startRegistration({ optionsJSON: options }).then(function (response) {
          return post(registerUrl, { name: name ? name.value : "", response: response });
        });
      });
    });
  }
})();
