/* Only in `edutargets serve`: reload the page when a rebuild has finished. */
(function () {
  "use strict";
  var seen = null;
  setInterval(function () {
    fetch("/__edutargets_version", { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (v) { if (seen !== null && v !== seen) location.reload(); seen = v; })
      .catch(function () {});
  }, 1000);
})();
