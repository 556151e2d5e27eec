// Latchkey hosted sign-on page enhancement. The page works without this script (its forms post back to the
// server); with it, each form is sent to the flows API directly and errors are shown without a reload.
(function () {
  "use strict";
  var main = document.querySelector("main");
  if (!main || !main.dataset.flowId || !window.fetch) return;
  var flowUrl = "/" + main.dataset.env + "/flows/" + main.dataset.flowId;
  var errors = document.getElementById("errors");

  function showErrors(body) {
    errors.textContent = "";
    var details = (body && body.details && body.details.length) ? body.details : [{ message: (body && body.message) || "Something went wrong." }];
    details.forEach(function (d) {
      var p = document.createElement("p");
      p.className = "error";
      p.dataset.code = d.code || "";
      var text = d.message || "";
      if (d.code === "INVALID_CREDENTIALS") {
        text = "The username or password you entered is incorrect.";
      } else if (d.code === "INVALID_OTP") {
        text = "That passcode is not right, or it has expired.";
      } else if (d.code === "QUOTA_EXCEEDED") {
        text = "Too many wrong passcodes: this device cannot be used for now.";
      } else if (d.code === "PASSWORD_LOCKED_OUT") {
        text = "Too many failed attempts: the account is locked.";
        if (d.innerError && d.innerError.secondsUntilUnlock != null) text += " Try again in " + Math.max(1, Math.round(d.innerError.secondsUntilUnlock / 60)) + " minute(s).";
      }
      p.textContent = text;
      errors.appendChild(p);
    });
    var first = document.querySelector("input:not([type=hidden])");
    if (first) first.focus();
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-content-type]"), function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.name === "action" || el.value === "") return;
        if (el.dataset.type === "boolean") body[el.name] = el.value === "true";
        else if (el.dataset.path) { var path = el.dataset.path.split("."); body[path[0]] = body[path[0]] || {}; body[path[0]][path[1]] = el.value; }
        else if (el.name === "given" || el.name === "family") { body.name = body.name || {}; body.name[el.name] = el.value; }
        else body[el.name] = el.value;
      });
      var button = form.querySelector("button");
      if (button) button.disabled = true;
      fetch(flowUrl, { method: "POST", credentials: "same-origin", headers: { "Content-Type": form.dataset.contentType }, body: JSON.stringify(body) })
        .then(function (res) { return res.json().then(function (json) { return { ok: res.ok, json: json }; }); })
        .then(function (r) {
          if (button) button.disabled = false;
          if (!r.ok) { showErrors(r.json); return; }
          if (r.json.status === "COMPLETED") { window.location.assign(r.json.resumeUrl); return; }
          // A user code carried from verification_uri_complete stays in the URL until its form has been shown.
          var userCode = new URLSearchParams(window.location.search).get("user_code");
          window.location.assign("/" + main.dataset.env + "/signon/?flowId=" + encodeURIComponent(main.dataset.flowId) +
            (userCode ? "&user_code=" + encodeURIComponent(userCode) : ""));
        })
        .catch(function () { if (button) button.disabled = false; form.submit(); });
    });
  });

  // ASSERTION_REQUIRED: the passkey button runs navigator.credentials.get() with the flow's options (base64url JSON)
  // and posts the credential as assertion.check.
  var passkey = document.getElementById("use-passkey");
  if (passkey && window.PublicKeyCredential && navigator.credentials) {
    var notice = document.getElementById("fido2-needs-script");
    if (notice) notice.hidden = true;
    passkey.hidden = false;
    passkey.addEventListener("click", function () {
      var options = JSON.parse(passkey.dataset.requestOptions);
      options.challenge = fromBase64Url(options.challenge);
      (options.allowCredentials || []).forEach(function (c) { c.id = fromBase64Url(c.id); });
      passkey.disabled = true;
      navigator.credentials.get({ publicKey: options })
        .then(function (credential) {
          var body = { origin: window.location.origin, assertion: JSON.stringify(credentialJson(credential)) };
          return fetch(flowUrl, { method: "POST", credentials: "same-origin", headers: { "Content-Type": passkey.dataset.contentType }, body: JSON.stringify(body) })
            .then(function (res) { return res.json().then(function (json) { return { ok: res.ok, json: json }; }); });
        })
        .then(function (r) {
          passkey.disabled = false;
          if (!r.ok) { showErrors(r.json); passkey.focus(); return; }
          if (r.json.status === "COMPLETED") window.location.assign(r.json.resumeUrl);
          else window.location.reload();
        })
        .catch(function (e) {
          passkey.disabled = false;
          showErrors({ message: "The passkey or security key did not answer (" + (e && e.name ? e.name : "error") + "). Try again, or choose another way." });
          passkey.focus();
        });
    });
  }

  function fromBase64Url(s) {
    s = s.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    var bin = atob(s), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes.buffer;
  }

  function toBase64Url(buffer) {
    var bytes = new Uint8Array(buffer), s = "";
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // PublicKeyCredential.toJSON() where the browser has it; the same shape by hand elsewhere.
  function credentialJson(c) {
    if (typeof c.toJSON === "function") return c.toJSON();
    var r = c.response, response = { clientDataJSON: toBase64Url(r.clientDataJSON), authenticatorData: toBase64Url(r.authenticatorData), signature: toBase64Url(r.signature) };
    if (r.userHandle) response.userHandle = toBase64Url(r.userHandle);
    return { id: c.id, rawId: toBase64Url(c.rawId), type: c.type, authenticatorAttachment: c.authenticatorAttachment || null, response: response, clientExtensionResults: c.getClientExtensionResults() };
  }
})();
