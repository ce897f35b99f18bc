// CrmBridge admin page: tell the server the browser's time zone (times are shown in it), once per change.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && document.cookie.indexOf("crmbridge-admin-tz=" + encodeURIComponent(zone)) < 0) {
    document.cookie = "crmbridge-admin-tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=strict";
    if (document.body && document.body.dataset.zone !== zone) { location.reload(); }
  }
  // "Select all" on the failed-records list.
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "select-all") {
      document.querySelectorAll("input[name=id]").forEach(function (box) { box.checked = e.target.checked; });
    }
  });
})();
