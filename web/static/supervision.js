// 督导一览: draws the statements by state from the JSON in data-chart. The
// same numbers stand in the table beside the chart.
(function () {
  "use strict";
  function draw() {
    var el = document.getElementById("statement-chart");
    if (!el || typeof echarts === "undefined") {
      return;
    }
    var data;
    try {
      data = JSON.parse(el.getAttribute("data-chart"));
    } catch (e) {
      return;
    }
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { renderMode: "richText" },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ name: "材料份数", type: "bar", data: data.values, label: { show: true, position: "top" } }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
