// 整改台账 dashboard: draws each chart from the JSON in its data-chart
// attribute; the same numbers stand in the table beside it.
(function () {
  "use strict";
  var colours = { closed: "#067647", doing: "#b54708", overdue: "#b42318" };
  function pie(data) {
    var items = [];
    var palette = [colours.closed, colours.doing, colours.overdue];
    for (var i = 0; i < data.labels.length; i++) {
      items.push({ name: data.labels[i], value: data.values[i], itemStyle: { color: palette[i] } });
    }
    return {
      tooltip: { renderMode: "richText" },
      legend: { bottom: 0 },
      series: [{ name: "事项数", type: "pie", radius: ["35%", "65%"], data: items, label: { formatter: "{b}：{c}项" } }]
    };
  }
  function groups(data) {
    function bar(name, key) {
      return { name: name, type: "bar", stack: "items", data: data[key], itemStyle: { color: colours[key] } };
    }
    return {
      tooltip: { renderMode: "richText", trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 8, bottom: 40, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: data.labels, inverse: true },
      series: [bar("已完成", "closed"), bar("整改中", "doing"), bar("逾期", "overdue")]
    };
  }
  function draw() {
    if (typeof echarts === "undefined") {
      return;
    }
    var els = document.querySelectorAll(".ledger-chart[data-chart]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i], data;
      try {
        data = JSON.parse(el.getAttribute("data-chart"));
      } catch (e) {
        continue;
      }
      var chart = echarts.init(el);
      chart.setOption(el.getAttribute("data-kind") === "pie" ? pie(data) : groups(data));
      window.addEventListener("resize", chart.resize);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
