// The balance of an authorization over time: a step line from the canvas's data-series
// ([{on, balance}]), drawn with the vendored Chart.js. No inline script (CSP).
(function () {
  "use strict";
  function draw(canvas) {
    var series = JSON.parse(canvas.dataset.series || "[]");
    var quantity = Number(canvas.dataset.quantity || 0);
    if (!series.length || typeof window.Chart === "undefined") return;
    var chart = new window.Chart(canvas, {
      type: "line",
      data: {
        labels: series.map(function (p) { return p.on; }),
        datasets: [{
          label: "balance",
          data: series.map(function (p) { return p.balance; }),
          stepped: true,
          borderColor: "#1d4ed8",
          backgroundColor: "rgba(29, 78, 216, 0.12)",
          fill: true,
          pointRadius: 4
        }]
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, suggestedMax: quantity } },
        plugins: { legend: { display: false } }
      }
    });
    canvas.dataset.rendered = String(chart.data.datasets[0].data.length);
  }
  function start() {
    document.querySelectorAll("canvas[data-series]").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
