/* edutargets: sortable tables, charts and search. Every file it loads is served by the site itself. */
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

  function matchNames(box, names, query) {
    /* Names are matched as substrings: Chinese readers expect 入园率 to find 学前教育毛入园率. */
    var section = document.getElementById("et-name-results");
    var list = section.querySelector("ul");
    var lang = box.dataset.lang;
    var prefix = lang === "zh" ? "" : lang + "/";
    var labels = { r: section.dataset.region, i: section.dataset.indicator };
    var q = query.trim().toLowerCase();
    list.textContent = "";
    var found = !q ? [] : names.filter(function (n) {
      return n.zh.toLowerCase().indexOf(q) >= 0 || n.en.toLowerCase().indexOf(q) >= 0 || n.c === q;
    }).slice(0, 20);
    found.forEach(function (n) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(prefix + n.u, root).href;
      link.textContent = lang === "zh" ? n.zh : n.en;
      item.appendChild(link);
      var meta = document.createElement("span");
      meta.className = "et-meta";
      meta.textContent = " " + (lang === "zh" ? n.en : n.zh) + " · " + labels[n.k];
      item.appendChild(meta);
      list.appendChild(item);
    });
    section.hidden = found.length === 0;
  }

  function showPages(pagefind, query) {
    /* Full text through Pagefind's API: only the index chunks and fragments a query needs. */
    var section = document.getElementById("et-text-results");
    var list = section.querySelector("ol");
    pagefind.debouncedSearch(query, {}, 250).then(function (search) {
      if (search === null) return;
      return Promise.all(search.results.slice(0, 10).map(function (r) { return r.data(); })).then(function (pages) {
        list.textContent = "";
        pages.forEach(function (page) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = page.url;
          link.textContent = page.meta.title || page.url;
          var excerpt = document.createElement("p");
          excerpt.className = "et-excerpt";
          excerpt.innerHTML = page.excerpt;  /* Pagefind's excerpt: escaped page text with <mark> */
          item.appendChild(link);
          item.appendChild(excerpt);
          list.appendChild(item);
        });
        section.hidden = pages.length === 0;
      });
    });
  }

  function startSearch() {
    var box = document.getElementById("et-search");
    if (!box) return;
    var input = document.getElementById("et-q");
    var names = [];
    var pagefind = null;
    function run() {
      matchNames(box, names, input.value);
      if (pagefind && input.value.trim()) showPages(pagefind, input.value.trim());
    }
    box.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", run);
    fetch(new URL(box.dataset.names, location.href).href)
      .then(function (r) { return r.json(); })
      .then(function (data) { names = data; run(); });
    import(new URL(box.dataset.pagefind, location.href).href).then(function (module) {
      return module.options({ baseUrl: root.pathname }).then(function () { pagefind = module; run(); });
    });
    var query = new URLSearchParams(location.search).get("q");
    if (query) input.value = query;
  }

  sortTables();
  drawCharts();
  startSearch();
})();
