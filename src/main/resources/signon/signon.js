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
})();
