/* edutargets: sortable tables and charts; loads search.js on the search page. Every file it loads is served by the site itself. */
(function () {
  "use strict";
  var script = document.currentScript;
  var assets = new URL("../", script.src);          // .../assets/

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

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function withUnit(value, unit) {
    /* A value with its unit: 85.2%, 1792.97 万人 (text.with_unit on the server). */
    return value + (unit === "%" ? "%" : " " + unit);
  }

  function number(text) {
    return text === "" || text === undefined ? null : Number(text);
  }

  function fetchRows(url) {
    /* A region's CSV, as published for download, parsed with Papa Parse. */
    if (!url) return Promise.resolve([]);
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.text();
    }).then(function (text) {
      return Papa.parse(text, { header: true, skipEmptyLines: true }).data;
    });
  }

  function byIndicator(rows) {
    /* One row a year per indicator: a final figure over a preliminary one. */
    var found = {};
    rows.forEach(function (row) {
      var years = found[row.indicator] = found[row.indicator] || {};
      var current = years[row.year];
      if (!current || (current.flag === "preliminary" && row.flag !== "preliminary")) years[row.year] = row;
    });
    return found;
  }

  function drawChart(holder, spec, entry, own, parent) {
    var labels = spec.labels;
    var series = [];
    if (Object.keys(own).length) {
      series.push({ kind: "outcome", name: spec.name + " · " + labels.series_outcome, points: Object.keys(own).map(function (y) { return [Number(y), number(own[y].value)]; }) });
    }
    if (spec.parent && Object.keys(parent).length) {
      series.push({ kind: "parent", name: fill(labels.series_parent, { name: spec.parent.name }), points: Object.keys(parent).map(function (y) { return [Number(y), number(parent[y].value)]; }) });
    }
    if (entry.baselines.length) series.push({ kind: "baseline", name: labels.series_baseline, points: entry.baselines });
    if (entry.targets.length) series.push({ kind: "target", name: labels.series_target, points: entry.targets });
    var years = [];
    series.forEach(function (s) { s.points.forEach(function (p) { years.push(p[0]); }); });
    var chart = echarts.init(holder, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: "inherit" },
      tooltip: {
        trigger: "axis",
        formatter: function (items) {
          var lines = [String(Math.round(items[0].axisValue))];
          items.forEach(function (item) {
            /* series names come from the data: escape them, the tooltip is HTML */
            lines.push(item.marker + echarts.format.encodeHTML(item.seriesName) + ": " + withUnit(item.value[1], entry.unit));
          });
          return lines.join("<br>");
        }
      },
      legend: { top: 0, left: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
      toolbox: { top: 24, right: 0, feature: { saveAsImage: { name: holder.dataset.filename, title: "PNG", pixelRatio: 2 } } },
      xAxis: { type: "value", min: Math.min.apply(null, years) - 0.5, max: Math.max.apply(null, years) + 0.5, minInterval: 1, splitLine: { show: false },
               axisLabel: { formatter: function (v) { return Number.isInteger(v) ? String(v) : ""; } } },
      yAxis: { type: "value", scale: true, name: entry.unit },
      series: series.map(function (s) {
        var style = STYLE[s.kind];
        return {
          name: s.name, type: style.type, data: s.points, symbol: style.symbol, symbolSize: style.symbolSize,
          itemStyle: { color: style.color },
          lineStyle: { color: style.color, width: 2, type: style.dashed ? "dashed" : "solid" },
          z: s.kind === "target" ? 5 : 2
        };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function dataTable(spec, entry, own, parent, title) {
    /* The chart's text alternative: every value, its quote and its source. */
    var labels = spec.labels;
    var targets = {};
    entry.targets.forEach(function (p) { (targets[p[0]] = targets[p[0]] || []).push(p[1]); });
    var years = {};
    [own, parent, targets].forEach(function (o) { Object.keys(o).forEach(function (y) { years[y] = true; }); });
    var withParent = spec.parent && Object.keys(parent).length > 0;
    var details = el("details", "et-chart__table");
    details.appendChild(el("summary", "", labels.data_table + ": " + title));
    var table = el("table");
    var head = el("tr");
    var columns = [labels.year, labels.series_outcome].concat(withParent ? [spec.parent.name] : [], [labels.series_target, labels.quote]);
    columns.forEach(function (name) { var th = el("th", "", name); th.scope = "col"; head.appendChild(th); });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    Object.keys(years).map(Number).sort(function (a, b) { return a - b; }).forEach(function (year) {
      var row = own[year];
      var tr = el("tr");
      var th = el("th", "", String(year));
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(el("td", "", row ? withUnit(row.value, entry.unit) : ""));
      if (withParent) tr.appendChild(el("td", "", parent[year] ? withUnit(parent[year].value, entry.unit) : ""));
      tr.appendChild(el("td", "", (targets[year] || []).join(" / ")));
      var quote = el("td", "et-chart__quote");
      if (row) {
        quote.appendChild(el("span", "", row.quote)).lang = "zh";
        quote.appendChild(document.createTextNode(" "));
        var link = quote.appendChild(el("a", "", labels.source));
        link.href = spec.sources + encodeURIComponent(row.source) + "/";
      }
      tr.appendChild(quote);
      body.appendChild(tr);
    });
    details.appendChild(table);
    return details;
  }

  function figure(spec, entry, own, parent) {
    var title = spec.name + " · " + entry.name;
    var node = el("figure", "et-chart");
    node.id = "chart-" + spec.region + "-" + entry.id;
    var caption = node.appendChild(el("figcaption"));
    var link = caption.appendChild(el("a", "", title));
    link.href = entry.href;
    if (entry.unit) caption.appendChild(el("span", "et-unit", " (" + entry.unit + ")"));
    var holder = node.appendChild(el("div", "et-chart__canvas"));
    holder.setAttribute("role", "img");
    holder.setAttribute("aria-label", fill(spec.labels.chart_alt, { region: spec.name, indicator: entry.name, unit: entry.unit }));
    holder.dataset.filename = "edutargets-" + spec.region + "-" + entry.id;
    node.appendChild(dataTable(spec, entry, own, parent, title));
    return { node: node, holder: holder };
  }

  function drawRegionCharts(box) {
    var spec = JSON.parse(box.querySelector(".et-charts__spec").textContent);
    return Promise.all([fetchRows(spec.csv), fetchRows(spec.parent ? spec.parent.csv : "")]).then(function (both) {
      var own = byIndicator(both[0]);
      var parent = byIndicator(both[1]);
      var drawn = 0;
      spec.indicators.forEach(function (entry) {
        var made = figure(spec, entry, own[entry.id] || {}, parent[entry.id] || {});
        box.appendChild(made.node);
        drawChart(made.holder, spec, entry, own[entry.id] || {}, parent[entry.id] || {});
        drawn += 1;
      });
      return drawn;
    }).catch(function (error) {
      box.appendChild(el("p", "et-empty", spec.labels.charts_failed));
      throw error;
    });
  }

  function listSourceOutcomes(box) {
    /* A source page's reported values with their quotes, read from the regions' CSV files. */
    var spec = JSON.parse(box.querySelector(".et-source-outcomes__spec").textContent);
    var labels = spec.labels;
    return Promise.all(spec.regions.map(function (r) { return fetchRows(r.csv); })).then(function (all) {
      var table = el("table", "et-sortable");
      var head = el("tr");
      [labels.region, labels.indicator, labels.year, labels.value, labels.quote].forEach(function (name) {
        var th = el("th", "", name); th.scope = "col"; head.appendChild(th);
      });
      table.appendChild(el("thead")).appendChild(head);
      var body = table.appendChild(el("tbody"));
      all.forEach(function (rows, i) {
        rows.forEach(function (row) {
          if (row.source !== spec.source) return;
          var indicator = spec.indicators[row.indicator] || [row.indicator, ""];
          var tr = el("tr");
          tr.appendChild(el("td", "", spec.regions[i].name));
          tr.appendChild(el("td", "", indicator[0]));
          tr.appendChild(el("td", "", row.year));
          tr.appendChild(el("td", "", withUnit(row.value, indicator[1])));
          tr.appendChild(el("td", "et-chart__quote", row.quote)).lang = "zh";
          body.appendChild(tr);
        });
      });
      var wrap = el("div", "et-table-wrap");
      wrap.appendChild(table);
      box.appendChild(wrap);
      if (typeof Tablesort !== "undefined") new Tablesort(table);
      return body.children.length;
    }).catch(function (error) {
      box.appendChild(el("p", "et-empty", labels.charts_failed));
      throw error;
    });
  }

  function drawCharts() {
    var boxes = document.querySelectorAll(".et-charts");
    var lists = document.querySelectorAll(".et-source-outcomes");
    if (!boxes.length && !lists.length) return;
    load(new URL("vendor/papaparse/papaparse.min.js", assets).href, function () {
      Promise.all(Array.prototype.map.call(lists, listSourceOutcomes)).then(function (counts) {
        document.documentElement.dataset.quotesListed = String(counts.reduce(function (a, b) { return a + b; }, 0));
      });
      if (!boxes.length) return;
      load(new URL("vendor/echarts/echarts.common.min.js", assets).href, function () {
        Promise.all(Array.prototype.map.call(boxes, drawRegionCharts)).then(function (counts) {
          document.documentElement.dataset.chartsDrawn = String(counts.reduce(function (a, b) { return a + b; }, 0));
          if (location.hash) {
            var target = document.getElementById(location.hash.slice(1));
            if (target) target.scrollIntoView();
          }
        });
      });
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
