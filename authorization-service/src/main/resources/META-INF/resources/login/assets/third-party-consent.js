// The third-party consent page (/api/v1/authorize): Approve follows the selected profile at once, enabled only
// while it covers the request. Without this script the Choose button reloads the page for the selection; either
// way the server refuses an approval through a profile that does not cover the request.
(function () {
  'use strict';
  var form = document.getElementById('third-party-consent');
  if (!form) {
    return;
  }
  var approve = form.querySelector('button[name="decision"][value="approve"]');
  var hint = document.getElementById('approve-hint');

  function follow() {
    var checked = form.querySelector('input[name="profile_id"]:checked');
    var covers = checked !== null && checked.getAttribute('data-covers') === 'true';
    approve.disabled = !covers;
    if (hint) {
      hint.hidden = covers;
    }
  }

  form.addEventListener('change', follow);
  // Back/forward and form restoration can bring back another selection than the one the page was rendered with.
  window.addEventListener('pageshow', follow);
  follow();
})();
