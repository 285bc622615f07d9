/* The console's progressive enhancement beyond htmx: copy buttons and the provisioning chart.
   Loaded from /console/assets (the Content-Security-Policy forbids inline script); every page
   works without it. */
(function () {
  "use strict";

  /* A button with data-copy-target copies the text of that element with the clipboard API; it
     stays hidden where there is no clipboard, so the token is then selected and copied by hand. */
  function copyButtons() {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-copy-target"));
      var status = document.getElementById(button.getAttribute("data-copy-status"));
      if (!target || !navigator.clipboard) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(target.textContent.trim()).then(
          function () {
            if (status) {
              status.textContent = "Copied. Paste it into your identity provider now.";
            }
          },
          function () {
            if (status) {
              status.textContent = "The browser did not allow copying: select the token and copy it.";
            }
          }
        );
      });
    });
  }

  /* An element with data-chart-src gets a uPlot chart of the per-hour counts that the same-origin
     JSON endpoint returns; the table of the same numbers stays on the page. */
  function charts() {
    if (typeof window.uPlot !== "function") {
      return;
    }
    document.querySelectorAll("[data-chart-src]").forEach(function (box) {
      fetch(box.getAttribute("data-chart-src"), {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("chart data: " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          var height = 240;
          var options = {
            width: Math.max(box.clientWidth, 280),
            height: height,
            scales: {
              x: { time: true },
              y: {
                range: function (plot, min, max) {
                  return [0, Math.max(max, 1)];
                }
              }
            },
            series: [
              {},
              { label: "Successful", stroke: "#1b5e35", fill: "rgba(27, 94, 53, 0.12)", width: 2 },
              { label: "Failed", stroke: "#9b1c1c", fill: "rgba(155, 28, 28, 0.12)", width: 2 }
            ],
            axes: [
              {},
              { label: "Requests per hour", incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] }
            ]
          };
          var plot = new window.uPlot(options, [data.hours, data.successes, data.failures], box);
          box.setAttribute("data-chart-drawn", "true");
          window.addEventListener("resize", function () {
            plot.setSize({ width: Math.max(box.clientWidth, 280), height: height });
          });
        })
        .catch(function () {
          box.textContent = "The chart could not be loaded; the table below has the same numbers.";
        });
    });
  }

  function start() {
    copyButtons();
    charts();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
