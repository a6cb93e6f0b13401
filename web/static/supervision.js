// 督导一览: draws each chart from the JSON in its data-chart attribute (the
// statements by state, the 整改台账 by colour). The same numbers stand in the
// tables beside the charts.
(function () {
  "use strict";
  function drawOne(el) {
    var data;
    try {
      data = JSON.parse(el.getAttribute("data-chart"));
    } catch (e) {
      return;
    }
    var colours = (el.getAttribute("data-colours") || "").split(",");
    var values = data.values.map(function (v, i) {
      return colours[i] ? { value: v, itemStyle: { color: colours[i] } } : v;
    });
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { renderMode: "richText" },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ name: el.getAttribute("data-name") || "材料份数", type: "bar", data: values,
        label: { show: true, position: "top" } }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function draw() {
    if (typeof echarts === "undefined") {
      return;
    }
    var els = document.querySelectorAll(".supervision-chart [data-chart]");
    for (var i = 0; i < els.length; i++) {
      drawOne(els[i]);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
