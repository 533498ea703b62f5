// Follows an ingest job: polls its JSON twin and updates the page's text (never its markup).
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var finished = { done: true, failed: true };

  function show(job) {
    var state = document.getElementById("job-state");
    state.textContent = job.state;
    state.className = "status " + job.state;
    document.getElementById("job-read").textContent = String(job.documents_read);
    document.getElementById("job-error").textContent = job.error || "";
    var bar = document.getElementById("job-progress");
    if (finished[job.state]) {
      bar.max = 1;
      bar.value = 1;
    }
    var run = document.getElementById("job-run");
    if (job.run_id && !run.querySelector("a")) {
      var link = document.createElement("a");
      link.href = "/runs/" + encodeURIComponent(job.run_id);
      link.className = "code";
      link.textContent = job.run_id;
      run.textContent = "run ";
      run.appendChild(link);
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        show(job);
        if (finished[job.state]) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 700);
        }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }

  if (!finished[box.getAttribute("data-state")]) { poll(); }
})();
