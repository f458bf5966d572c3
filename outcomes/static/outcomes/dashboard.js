// The organizer's dashboard: draws each chart whose data the page passed in the JSON block
// #outcomes-charts (Django's json_script), with the vendored ECharts. No inline script: the
// page's Content-Security-Policy forbids it. Tooltips are drawn on the canvas (richText), so
// ECharts writes no HTML with inline styles either.
(function () {
  "use strict";

  var PALETTE = ["#1d6fb8", "#e07b39", "#3a9d5d", "#8e5ab5", "#c94f4f", "#5b6b7a"];

  function option(chart) {
    var base = {
      color: PALETTE,
      animation: false,
      tooltip: { trigger: chart.kind === "pie" ? "item" : "axis", renderMode: "richText" },
      legend: { type: "scroll", bottom: 0 },
      aria: { enabled: true }
    };
    if (chart.kind === "pie") {
      base.series = [{
        type: "pie",
        radius: ["35%", "65%"],
        data: chart.categories.map(function (name, i) {
          return { name: name, value: chart.series[0].data[i] };
        })
      }];
      return base;
    }
    base.grid = { left: 8, right: 16, top: 16, bottom: 40, containLabel: true };
    base.xAxis = {
      type: "category",
      data: chart.categories,
      axisLabel: { hideOverlap: true, interval: "auto" }
    };
    base.yAxis = { type: "value", minInterval: 1 };
    base.series = chart.series.map(function (s) {
      return {
        name: s.name,
        type: chart.kind === "line" ? "line" : "bar",
        data: s.data,
        smooth: false,
        showSymbol: chart.kind === "line" && chart.categories.length < 40
      };
    });
    return base;
  }

  function draw() {
    var source = document.getElementById("outcomes-charts");
    if (!source || !window.echarts) {
      return;
    }
    var charts = JSON.parse(source.textContent);
    var drawn = [];
    charts.forEach(function (chart) {
      var element = document.querySelector('[data-chart="' + chart.key + '"]');
      if (!element) {
        return;
      }
      var instance = window.echarts.init(element, null, { renderer: "canvas" });
      instance.setOption(option(chart));
      element.setAttribute("data-drawn", "true");
      drawn.push(instance);
    });
    window.addEventListener("resize", function () {
      drawn.forEach(function (instance) { instance.resize(); });
    });
    document.body.setAttribute("data-charts-drawn", String(drawn.length));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
