// Demo broker site: wires the "Browse together" button to the co-browsing script and keeps every form on the
// page (nothing is submitted anywhere: this is a demo).
(function () {
  'use strict';
  var start = document.getElementById('wcc-start');
  if (start) {
    start.addEventListener('click', function () { window.WccCobrowse.start(); });
  }
  document.querySelectorAll('form').forEach(function (f) {
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      var out = f.querySelector('.result');
      if (out) {
        out.textContent = 'Demo: nothing was sent.';
      }
    });
  });
})();
