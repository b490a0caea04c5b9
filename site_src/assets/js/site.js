/* edutargets: sortable tables and charts; loads search.js on the search page. Every file it loads is served by the site itself. */
(function () {
  "use strict";
  var script = document.currentScript;
  var assets = new URL("../", script.src);          // .../assets/
  var root = new URL("../../", script.src);         // site root

  function load(src, done) {
    var tag = document.createElement("script");
    tag.src = src;
    tag.onload = done;
    document.head.appendChild(tag);
  }

  function sortTables() {
    if (typeof Tablesort === "undefined") return;
    document.querySelectorAll("table.et-sortable").forEach(function (table) { new Tablesort(table); });
  }

  var STYLE = {
    outcome: { color: "#1d4f91", type: "line", symbol: "circle", symbolSize: 7 },
    parent: { color: "#5b6470", type: "line", symbol: "rect", symbolSize: 6, dashed: true },
    baseline: { color: "#7a4d00", type: "scatter", symbol: "triangle", symbolSize: 12 },
    target: { color: "#b3261e", type: "scatter", symbol: "diamond", symbolSize: 15 }
  };

  function drawChart(figure) {
    var holder = figure.querySelector(".et-chart__canvas");
    var spec = JSON.parse(figure.querySelector(".et-chart__data").textContent);
    var unit = spec.unit === "%" ? "%" : " " + spec.unit;
    var chart = echarts.init(holder, null, { renderer: "canvas" });
    var series = spec.series.map(function (s) {
      var style = STYLE[s.kind];
      return {
        name: s.name, type: style.type, data: s.points, symbol: style.symbol, symbolSize: style.symbolSize,
        itemStyle: { color: style.color },
        lineStyle: { color: style.color, width: 2, type: style.dashed ? "dashed" : "solid" },
        z: s.kind === "target" ? 5 : 2
      };
    });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: "inherit" },
      tooltip: {
        trigger: "axis",
        formatter: function (items) {
          var lines = [String(Math.round(items[0].axisValue))];
          items.forEach(function (item) {
            /* series names come from the data: escape them, the tooltip is HTML */
            lines.push(item.marker + echarts.format.encodeHTML(item.seriesName) + ": " + item.value[1] + unit);
          });
          return lines.join("<br>");
        }
      },
      legend: { top: 0, left: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
      toolbox: { top: 24, right: 0, feature: { saveAsImage: { name: holder.dataset.filename, title: "PNG", pixelRatio: 2 } } },
      xAxis: { type: "value", min: spec.years[0] - 0.5, max: spec.years[1] + 0.5, minInterval: 1, splitLine: { show: false },
               axisLabel: { formatter: function (v) { return Number.isInteger(v) ? String(v) : ""; } } },
      yAxis: { type: "value", scale: true, name: spec.unit },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawCharts() {
    var figures = document.querySelectorAll("figure.et-chart");
    if (!figures.length) return;
    load(new URL("vendor/echarts/echarts.common.min.js", assets).href, function () {
      figures.forEach(drawChart);
      document.documentElement.dataset.chartsDrawn = String(figures.length);
    });
  }

  function startSearch() {
    /* The search page's code lives in search.js, fetched only there. */
    if (document.getElementById("et-search")) load(new URL("js/search.js", assets).href);
  }

  sortTables();
  drawCharts();
  startSearch();
})();
