// The offline page's only script: copies a request code from the address's
// fragment (`/offline#KSR1.…`, as a phone opens a scanned QR code; the
// fragment never reaches the server) into the empty form. The page works
// without it.
"use strict";
(function () {
  var code = window.location.hash.slice(1);
  var field = document.getElementById("code");
  if (field && field.value === "" && code.indexOf("KSR1.") === 0) {
    field.value = code;
  }
})();
