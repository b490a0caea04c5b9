/* edutargets: sortable tables, charts and quote lists drawn from the site's own CSV files; loads
   search.js on the search page. Every file it loads is served by the site itself.

   A page names its own files in a JSON spec (#et-spec: a region's charts and quotes; #et-source-spec:
   a source document's figures; #et-regions-spec: an indicator's whole by-region list). The figures
   are read from the files published for download (a region's targets and outcomes CSV files); the
   names and units of the indicators a page shows are in its spec; the labels from js/labels.json
   (both languages, made from strings.yml). Those are fetched once, then cached.

   On a phone every millisecond of script is felt: a chart is drawn only when it comes near the
   screen, the charting library is loaded only then (after the page has painted), and the charts
   are drawn one per task, so that a tap is handled between two of them. */
(function () {
  "use strict";
  var script = document.currentScript;
  var assets = new URL("../", script.src);          // .../assets/
  var root = new URL("../", assets);                // the site's root: Chinese pages, source pages
  var loaded = {};

  function page(lang, route) {
    /* a page of the site in a language (the bilingual source pages link to the Chinese pages) */
    return new URL((lang === "en" ? "en/" : "") + route, root).href;
  }

  var labelsFile = null;

  function labels(lang) {
    /* key -> text in the page's language; "bi" gives both, "来源 / Source" (Strings.get in Python) */
    if (!labelsFile) {
      labelsFile = fetch(new URL("js/labels.json", assets)).then(function (response) {
        if (!response.ok) throw new Error("labels.json: " + response.status);
        return response.json();
      });
    }
    return labelsFile.then(function (all) {
      if (lang !== "bi") return all[lang];
      var both = {};
      Object.keys(all.zh).forEach(function (key) {
        both[key] = all.zh[key] === all.en[key] ? all.zh[key] : all.zh[key] + " / " + all.en[key];
      });
      return both;
    });
  }

  function load(path) {
    /* A script of the site's own, once. */
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = new URL(path, assets).href;
        tag.onload = resolve;
        tag.onerror = function () { reject(new Error(path + " could not be loaded")); };
        document.head.appendChild(tag);
      });
    }
    return loaded[path];
  }

  function readSpec(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var a = el("a", "", text);
    a.href = href;
    return a;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function withUnit(value, unit, scale) {
    /* A value with its unit: 85.2%, 1792.97 万人; on English pages, which give the factor from the
       stored value to their unit, 17,929,700 people (text.with_unit on the server). */
    if (!unit) return String(value);
    var text = scale ? Number(value * scale).toLocaleString("en-US", { maximumFractionDigits: 4 }) : value;
    return text + (unit === "%" ? "%" : /^\d/.test(unit) ? " × " + unit : " " + unit);
  }

  function number(text) {
    return text === "" || text === undefined ? null : Number(text);
  }

  function headerRow(table, names) {
    var head = el("tr");
    names.forEach(function (name) { var th = el("th", "", name); th.scope = "col"; head.appendChild(th); });
    table.appendChild(el("thead")).appendChild(head);
    return table.appendChild(el("tbody"));
  }

  var csvFiles = {};

  function fetchRows(url) {
    /* A CSV file as published for download, parsed with Papa Parse; each file fetched once. */
    if (!url) return Promise.resolve([]);
    if (!csvFiles[url]) {
      csvFiles[url] = load("vendor/papaparse/papaparse.min.js").then(function () {
        return fetch(url);
      }).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.text();
      }).then(function (text) {
        return Papa.parse(text, { header: true, skipEmptyLines: true }).data;
      });
    }
    return csvFiles[url];
  }

  function indicatorNames(spec, lang) {
    /* id -> {name, unit, scale, href, order}, from the spec's [id, name, unit, factor] list
       (charts.indicator_names); English pages write values times the factor, in their unit */
    var found = {};
    (spec.names || []).forEach(function (n, i) {
      found[n[0]] = { id: n[0], name: n[1], unit: n[2], scale: lang === "en" ? n[3] : 0, href: page(lang, "indicators/" + encodeURIComponent(n[0]) + "/"), order: i };
    });
    return found;
  }

  function nameOf(names, id) {
    return names[id] || { id: id, name: id, unit: "", href: "", order: 1e9 };
  }

  function showFailure(box, message, error) {
    if (box && message) box.appendChild(el("p", "et-empty", message));
    throw error;
  }

  /* ---- tables ------------------------------------------------------------------------------ */

  function sortable(table) {
    /* tablesort and its number plugin, loaded only where a table can be sorted. Tablesort listens
       for clicks on a header; a button inside it makes the header reachable by keyboard, and
       Space and Enter press the button (a click), which sorts instead of scrolling the page. */
    return load("vendor/tablesort/tablesort.min.js").then(function () {
      return load("vendor/tablesort/tablesort.number.min.js");
    }).then(function () {
      new Tablesort(table);
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        if (th.getAttribute("role") !== "columnheader" || th.querySelector("button")) return;
        var button = el("button", "et-sort");
        button.type = "button";
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(button);
      });
      table.dataset.sortReady = "1";
    });
  }

  function cards(table) {
    /* A table site.js draws becomes one card per row on a phone (site.css): each cell is labelled
       with its column's heading, as the page labels its targets table. */
    var headings = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent; });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, i) { cell.dataset.label = headings[i]; });
    });
    table.classList.add("et-cards");
  }

  function scrollCues(lang) {
    /* A table wider than its box scrolls sideways: the box is named (its caption or the section's
       heading) and focusable, so that a keyboard scrolls it too, and a line above it says it scrolls.
       Measured once the page has been laid out, and again when the window changes size. */
    var wraps = document.querySelectorAll(".et-table-wrap");
    if (!wraps.length) return;
    labels(lang).then(function (words) {
      function mark() {
        Array.prototype.forEach.call(wraps, function (wrap) {
          var wide = wrap.scrollWidth > wrap.clientWidth + 1;
          var cue = wrap.previousElementSibling && wrap.previousElementSibling.classList.contains("et-scroll-cue") ? wrap.previousElementSibling : null;
          if (wide && !cue) {
            var table = wrap.querySelector("table");
            var section = wrap.closest("section");
            var name = table && table.caption ? table.caption.textContent : section && section.querySelector("h2") ? section.querySelector("h2").textContent : "";
            wrap.setAttribute("role", "region");
            wrap.setAttribute("aria-label", (name ? name + " · " : "") + words.scroll_table);
            wrap.tabIndex = 0;
            wrap.parentNode.insertBefore(el("p", "et-scroll-cue", words.scroll_table + " →"), wrap);
          } else if (!wide && cue) {
            cue.remove();
            wrap.removeAttribute("role");
            wrap.removeAttribute("aria-label");
            wrap.removeAttribute("tabindex");
          }
        });
      }
      requestAnimationFrame(mark);
      var timer = null;
      window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(mark, 200); }, { passive: true });
    });
  }

  function sortTables() {
    document.querySelectorAll("table.et-sortable").forEach(sortable);
  }

  /* ---- charts ------------------------------------------------------------------------------ */

  var STYLE = {
    outcome: { color: "#1d4f91", type: "line", symbol: "circle", symbolSize: 7 },
    parent: { color: "#5b6470", type: "line", symbol: "rect", symbolSize: 6, dashed: true },
    baseline: { color: "#7a4d00", type: "scatter", symbol: "triangle", symbolSize: 12 },
    target: { color: "#b3261e", type: "scatter", symbol: "diamond", symbolSize: 15 }
  };

  function byIndicator(rows) {
    /* The row of each year per indicator: the one the server marked as its year's figure (counted). */
    var found = {};
    rows.forEach(function (row) {
      if (row.counted === "true") (found[row.indicator] = found[row.indicator] || {})[row.year] = row;
    });
    return found;
  }

  function points(pairs) {
    /* [year, value] pairs without repeats, by year then value */
    var seen = {};
    return pairs.filter(function (p) {
      var key = p[0] + "|" + p[1];
      return seen[key] ? false : (seen[key] = true);
    }).sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
  }

  function chartEntries(spec, names, own, targets) {
    /* One chart per indicator the server chose (spec.only: charts.has_chart, a series with
       reported values), in the indicators' order. */
    var byId = {};
    targets.forEach(function (t) { (byId[t.indicator] = byId[t.indicator] || []).push(t); });
    var ids = Object.keys(names).sort(function (a, b) { return names[a].order - names[b].order; });
    if (spec.only) ids = ids.filter(function (id) { return spec.only.indexOf(id) >= 0; });
    return ids.map(function (id) {
      var rows = byId[id] || [];
      var entry = nameOf(names, id);
      return {
        id: id, name: entry.name, unit: entry.unit, scale: entry.scale, href: entry.href,
        targets: points(rows.filter(function (t) { return (t.kind === "level" || t.kind === "count") && !t.period_start; }).map(function (t) { return [Number(t.target_year), Number(t.value)]; })),
        baselines: points(rows.filter(function (t) { return t.baseline_year !== "" && t.baseline_value !== ""; }).map(function (t) { return [Number(t.baseline_year), Number(t.baseline_value)]; }))
      };
    }).filter(function (entry) { return own[entry.id] || entry.targets.length; });
  }

  var ECHARTS = "vendor/echarts/echarts.edutargets.min.js";

  function afterPaint() {
    /* resolves once the page has been painted (the frame after next), in a task of its own */
    return new Promise(function (resolve) {
      requestAnimationFrame(function () { setTimeout(resolve, 0); });
    });
  }

  function pause() {
    /* a yield between two charts: the browser handles input and paints in between */
    return new Promise(function (resolve) {
      if (window.requestIdleCallback) requestIdleCallback(function () { resolve(); }, { timeout: 100 });
      else setTimeout(resolve, 0);
    });
  }

  function drawWhenSeen(items, draw) {
    /* Draws each item's chart when its canvas comes within a screen of the viewport, one chart a
       task; the library is loaded with the first. The canvases have their height already
       (site.css), so a chart drawn does not move the page. html[data-charts-drawn] counts them. */
    var queue = [];
    var running = false;
    var done = 0;
    function next() {
      var item = queue.shift();
      if (!item) { running = false; return; }
      draw(item);
      done += 1;
      document.documentElement.dataset.chartsDrawn = String(done);
      return pause().then(next);
    }
    function run() {
      if (running || !queue.length) return;
      running = true;
      afterPaint().then(function () { return load(ECHARTS); }).then(next).catch(function (error) {
        running = false;
        throw error;
      });
    }
    if (!("IntersectionObserver" in window)) {
      queue = items.slice();
      run();
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (seen) {
        if (!seen.isIntersecting) return;
        observer.unobserve(seen.target);
        queue.push(items[Number(seen.target.dataset.chart)]);
      });
      run();
    }, { rootMargin: "100% 0px" });
    items.forEach(function (item, i) {
      item.made.holder.dataset.chart = String(i);
      observer.observe(item.made.holder);
    });
  }

  function drawChart(holder, spec, labels, entry, own, parent) {
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
            lines.push(item.marker + echarts.format.encodeHTML(item.seriesName) + ": " + withUnit(item.value[1], entry.unit, entry.scale));
          });
          return lines.join("<br>");
        }
      },
      legend: { top: 0, left: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
      toolbox: { top: 24, right: 0, feature: { saveAsImage: { name: holder.dataset.filename, title: "PNG", pixelRatio: 2 } } },
      xAxis: { type: "value", min: Math.min.apply(null, years) - 0.5, max: Math.max.apply(null, years) + 0.5, minInterval: 1, splitLine: { show: false },
               axisLabel: { formatter: function (v) { return Number.isInteger(v) ? String(v) : ""; } } },
      yAxis: { type: "value", scale: true, name: entry.unit,
               axisLabel: entry.scale ? { formatter: function (v) { return Number(v * entry.scale).toLocaleString("en-US", { maximumFractionDigits: 4 }); } } : {} },
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
    /* a chart in a folded stage is drawn at no width: drawn again when it is shown, or resized */
    if (window.ResizeObserver) new ResizeObserver(function () { chart.resize(); }).observe(holder);
    else window.addEventListener("resize", function () { chart.resize(); });
  }

  function dataTable(spec, labels, entry, own, parent, title) {
    /* The chart's text alternative: every value, its quote and its source. */
    var targets = {};
    entry.targets.forEach(function (p) { (targets[p[0]] = targets[p[0]] || []).push(p[1]); });
    var years = {};
    [own, parent, targets].forEach(function (o) { Object.keys(o).forEach(function (y) { years[y] = true; }); });
    var withParent = spec.parent && Object.keys(parent).length > 0;
    var details = el("details", "et-chart__table");
    details.appendChild(el("summary", "", labels.data_table + ": " + title));
    var table = el("table");
    var body = headerRow(table, [labels.year, labels.series_outcome].concat(withParent ? [spec.parent.name] : [], [labels.series_target, labels.quote]));
    Object.keys(years).map(Number).sort(function (a, b) { return a - b; }).forEach(function (year) {
      var row = own[year];
      var tr = el("tr");
      var th = el("th", "", String(year));
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(el("td", "", row ? withUnit(row.value, entry.unit, entry.scale) : ""));
      if (withParent) tr.appendChild(el("td", "", parent[year] ? withUnit(parent[year].value, entry.unit, entry.scale) : ""));
      tr.appendChild(el("td", "", (targets[year] || []).join(" / ")));
      var quote = el("td", "et-chart__quote");
      if (row) {
        quote.appendChild(el("span", "", row.quote)).lang = "zh";
        quote.appendChild(document.createTextNode(" "));
        quote.appendChild(link(sourcePage(spec.lang, row.source), labels.source));
      }
      tr.appendChild(quote);
      body.appendChild(tr);
    });
    details.appendChild(table);
    cards(table);
    return details;
  }

  function figure(spec, labels, entry, own, parent) {
    var title = spec.name + " · " + entry.name;
    var node = el("figure", "et-chart");
    node.id = "chart-" + spec.code + "-" + entry.id;
    var caption = node.appendChild(el("figcaption"));
    caption.appendChild(entry.href ? link(entry.href, title) : el("span", "", title));
    if (entry.unit) caption.appendChild(el("span", "et-unit", " (" + entry.unit + ")"));
    var holder = node.appendChild(el("div", "et-chart__canvas"));
    holder.setAttribute("role", "img");
    holder.setAttribute("aria-label", fill(labels.chart_alt, { region: spec.name, indicator: entry.name, unit: entry.unit }));
    holder.dataset.filename = "edutargets-" + spec.code + "-" + entry.id;
    node.appendChild(dataTable(spec, labels, entry, own, parent, title));
    return { node: node, holder: holder };
  }

  /* ---- a region's quotes ------------------------------------------------------------------- */

  function sourcePage(lang, id) {
    /* a source document's page in the page's language */
    return page(lang, "sources/" + encodeURIComponent(id) + "/");
  }

  function outcomeAnchor(row) {
    /* the row's primary key, as shape.SiteData._row makes it */
    return "q-o-" + [row.region, row.indicator, row.year, row.source].join("-");
  }

  function pageHash() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return location.hash.slice(1); }
  }

  function sourceLinks() {
    /* source id -> the links of its item in the page's list of plans and sources */
    var found = {};
    document.querySelectorAll(".et-sources li").forEach(function (item) {
      var links = item.querySelectorAll("a");
      var parts = links[0].getAttribute("href").split("/");
      found[decodeURIComponent(parts[parts.length - 2])] = links;
    });
    return found;
  }

  function heading(section, id, text) {
    /* a section site.js fills: its heading, which names it for screen readers */
    var h2 = section.appendChild(el("h2", "", text));
    h2.id = id;
    section.setAttribute("aria-labelledby", id);
  }

  function listQuotes(section, lang, labels, names, targets, outcomes) {
    /* Every target's quote, and the quote of each value a figure on the page links to (or the
       address names), under the anchor the links use. */
    var linked = {};
    document.querySelectorAll('.et-page a[href^="#q-"]').forEach(function (a) {
      linked[a.getAttribute("href").slice(1)] = a;  // the last one: a target's own cell, after its baseline's
    });
    var hash = pageHash();
    var sources = sourceLinks();
    heading(section, "quotes-heading", labels.quotes_heading);
    section.appendChild(el("p", "", labels.quotes_intro));
    var list = el("ol", "et-quotes__list");

    function item(anchor, label, row) {
      var li = list.appendChild(el("li"));
      li.id = anchor;
      var heading = li.appendChild(el("p", "et-quotes__label", label));
      if (row.flag && labels["flag_" + row.flag]) {
        heading.appendChild(document.createTextNode(" "));
        heading.appendChild(el("span", "et-flag", "[" + labels["flag_" + row.flag] + "]"));
      }
      li.appendChild(el("blockquote", "", row.quote)).lang = "zh";
      var from = li.appendChild(el("p", "et-quotes__source", labels.source + ": "));
      var found = sources[row.source];
      if (found) {
        Array.prototype.forEach.call(found, function (a, i) {
          if (i) from.appendChild(document.createTextNode(" · "));
          from.appendChild(a.cloneNode(true));
        });
      } else {
        from.appendChild(link(sourcePage(lang, row.source), row.source));
      }
      var other = lang === "en" ? "zh" : "en";
      var note = row["note_" + lang] ? [row["note_" + lang], lang] : row["note_" + other] ? [row["note_" + other], other] : null;
      if (note) {
        var p = li.appendChild(el("p", "et-quotes__note", labels.note + ": "));
        p.appendChild(el("span", "", note[0])).lang = note[1];
      }
      return li;
    }

    function back(li, anchor) {
      /* after a jump to a quote, the way back to the figure that links to it (in its stage,
         which the back link's target unfolds: site.css shows a stage that has the :target) */
      var from = linked[anchor];
      if (!from) return;
      from.id = from.id || "from-" + anchor;
      var p = li.appendChild(el("p", "et-back"));
      p.appendChild(link("#" + from.id, "↩ " + labels.back_to_row));
    }

    targets.forEach(function (row) {
      var anchor = "q-t-" + row.id;
      var figure = linked[anchor] ? ": " + linked[anchor].textContent : "";
      back(item(anchor, nameOf(names, row.indicator).name + " · " + labels.target + " " + row.target_year + figure, row), anchor);
    });
    outcomes.forEach(function (row) {
      var anchor = outcomeAnchor(row);
      if (!linked[anchor] && anchor !== hash) return;
      var indicator = nameOf(names, row.indicator);
      back(item(anchor, indicator.name + " · " + row.year + ": " + withUnit(row.value, indicator.unit, indicator.scale), row), anchor);
    });
    section.appendChild(list);
    show(section);
    return list.children.length;
  }

  function goToHash() {
    /* The page was opened at an anchor that did not exist until now: go there, and mark it as
       :target would have (the browser does not re-evaluate :target for new elements). */
    var target = location.hash && document.getElementById(pageHash());
    if (!target) return;
    target.classList.add("et-target");
    reveal(target);
    target.scrollIntoView();
    window.addEventListener("hashchange", function () { target.classList.remove("et-target"); }, { once: true });
  }

  function show(section) {
    /* a section site.js filled, and the fold it is in (the region's quotes) */
    section.hidden = false;
    if (section.parentNode.tagName === "DETAILS") section.parentNode.hidden = false;
  }

  function reveal(target) {
    /* a quote in the folded list: open the list (browsers that do not on a link to it) */
    var fold = target && target.closest("details:not([open])");
    if (fold) fold.open = true;
    return fold;
  }

  window.addEventListener("hashchange", function () {
    var target = document.getElementById(pageHash());
    if (reveal(target)) target.scrollIntoView();
  });

  function regionPage(spec) {
    var box = document.querySelector(".et-charts");
    var section = document.querySelector(".et-quotes");
    var words = null;
    return Promise.all([
      labels(spec.lang), indicatorNames(spec, spec.lang), fetchRows(spec.csv), fetchRows(spec.targets), fetchRows(spec.parent ? spec.parent.csv : "")
    ]).then(function (all) {
      words = all[0];
      var names = all[1];
      if (section) document.documentElement.dataset.quotesListed = String(listQuotes(section, spec.lang, words, names, all[3], all[2]));
      if (!spec.charts) {
        goToHash();
        return;
      }
      /* the figures first, their canvases of fixed height: the page does not move when they are drawn */
      var own = byIndicator(all[2]);
      var parent = byIndicator(all[4]);
      if (box && box.tagName === "SECTION") heading(box, "charts-heading", words.charts_heading);
      var drawn = chartEntries(spec, names, own, all[3]).map(function (entry) {
        var made = figure(spec, words, entry, own[entry.id] || {}, parent[entry.id] || {});
        /* a region page has a slot for each chart, in its stage; other pages one box for all */
        (document.getElementById("et-chart-slot-" + entry.id) || box).appendChild(made.node);
        return { made: made, entry: entry };
      });
      if (box) box.hidden = false;
      document.documentElement.dataset.charts = String(drawn.length);
      goToHash();
      drawWhenSeen(drawn, function (d) { drawChart(d.made.holder, spec, words, d.entry, own[d.entry.id] || {}, parent[d.entry.id] || {}); });
    }).catch(function (error) {
      var where = box || section;
      if (where) show(where);
      showFailure(where, words ? words.charts_failed : "", error);
    });
  }

  /* ---- a source document's figures --------------------------------------------------------- */

  function sourceFigures(spec) {
    /* Each box holds the list of regions with figures from this document, each with its CSV file:
       the figures are read from those files, and listed below the list with their quotes. */
    var targetsBox = document.querySelector(".et-source-targets");
    var outcomesBox = document.querySelector(".et-source-outcomes");

    function regionsIn(box) {
      if (!box) return [];
      return Array.prototype.map.call(box.querySelectorAll("li"), function (item) {
        var links = item.querySelectorAll("a");
        return { name: links[0].textContent, href: links[0].href, csv: links[1].getAttribute("href") };
      });
    }

    var lists = [regionsIn(targetsBox), regionsIn(outcomesBox)];
    var files = lists.map(function (regions) { return Promise.all(regions.map(function (r) { return fetchRows(r.csv); })); });
    var words = null;
    return Promise.all([labels(spec.lang), indicatorNames(spec, spec.lang)].concat(files)).then(function (all) {
      words = all[0];
      var names = all[1];
      var count = 0;

      function table(box, regions, rowsOf, columns, addRow) {
        var node = el("table", "et-sortable");
        var body = headerRow(node, columns.map(function (key) { return words[key]; }));
        regions.forEach(function (region, i) {
          rowsOf[i].forEach(function (row) {
            if (row.source === spec.source) addRow(body, region, row);
          });
        });
        var wrap = el("div", "et-table-wrap");
        wrap.appendChild(node);
        box.appendChild(wrap);
        cards(node);
        sortable(node);
        count += body.children.length;
      }

      function cells(tr, region, row) {
        tr.appendChild(el("td")).appendChild(link(region.href, region.name));
        var indicator = nameOf(names, row.indicator);
        tr.appendChild(el("td")).appendChild(indicator.href ? link(indicator.href, indicator.name) : el("span", "", indicator.name));
        return indicator;
      }

      if (targetsBox) {
        table(targetsBox, lists[0], all[2], ["region", "indicator", "target", "target_year", "status", "quote"], function (body, region, row) {
          var known = spec.targets[row.id];
          if (!known) return;
          var tr = body.appendChild(el("tr"));
          tr.id = "q-t-" + row.id;
          cells(tr, region, row);
          tr.appendChild(el("td", "", known[0]));
          tr.appendChild(el("td", "", row.target_year));
          var cell = tr.appendChild(el("td"));
          cell.appendChild(el("span", "et-status--" + known[1], words["status_" + known[1]]));
          if (known[2]) cell.appendChild(el("span", "et-evidence", known[2]));
          tr.appendChild(el("td", "et-chart__quote", row.quote)).lang = "zh";
        });
      }
      if (outcomesBox) {
        table(outcomesBox, lists[1], all[3], ["region", "indicator", "year", "value", "quote"], function (body, region, row) {
          var tr = body.appendChild(el("tr"));
          var indicator = cells(tr, region, row);
          tr.appendChild(el("td", "", row.year));
          tr.appendChild(el("td", "", withUnit(row.value, indicator.unit, indicator.scale)));
          tr.appendChild(el("td", "et-chart__quote", row.quote)).lang = "zh";
        });
      }
      document.documentElement.dataset.quotesListed = String(count);
      goToHash();
    }).catch(function (error) {
      showFailure(targetsBox || outcomesBox, words ? words.charts_failed : "", error);
    });
  }

  /* ---- an indicator's whole by-region list ------------------------------------------------- */

  function regionNames(url) {
    /* code -> {zh, en, depth}, from the names list the search page reads (gzipped by the build) */
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);  // a server sent it inflated
      return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
    }).then(function (text) {
      var found = {};
      JSON.parse(text).r.forEach(function (r) {  // [code, zh, en, parent], parents first
        found[r[0]] = { zh: r[1], en: r[2] || r[1], depth: r[3] && found[r[3]] ? found[r[3]].depth + 1 : 0 };
      });
      return found;
    });
  }

  function offerAllRegions(spec) {
    /* The page lists the nation and the provinces; the whole list is a CSV file beside it. */
    var note = document.getElementById("et-regions-shortened");
    var table = document.querySelector("table.et-by-region");
    if (!note || !table) return;
    labels(spec.lang).then(function (words) {
      var button = el("button", "md-button", fill(words.show_all_regions, { count: spec.count }));
      button.type = "button";
      note.appendChild(document.createTextNode(" "));
      note.appendChild(button);
      button.addEventListener("click", function () {
        button.disabled = true;
        Promise.all([fetchRows(spec.csv), regionNames(spec.names)]).then(function (both) {
          var levels = ["nation", "province", "prefecture", "county"];
          var body = el("tbody");
          both[0].forEach(function (row) {
            var region = both[1][row.region] || { zh: row.region, en: row.region, depth: 3 };
            var tr = body.appendChild(el("tr"));
            tr.appendChild(el("td")).appendChild(link(page(spec.lang, "regions/" + encodeURIComponent(row.region) + "/"), region[spec.lang] || region.zh));
            tr.appendChild(el("td", "", words["level_" + levels[region.depth]] || "")).dataset.sort = String(region.depth);
            tr.appendChild(el("td", "", row.value === "" ? "—" : withUnit(row.value, spec.unit, spec.factor))).dataset.sort = row.value;
            tr.appendChild(el("td", "", row.year));
            tr.appendChild(el("td", "", row["target_" + spec.lang] || row.target_zh || "—"));
            tr.appendChild(el("td", "", row.target_year));
            var status = tr.appendChild(el("td"));
            if (row.status) {
              status.appendChild(el("span", "et-status--" + row.status, words["status_" + row.status]));
              var evidence = row["evidence_" + spec.lang];
              if (evidence) status.appendChild(el("span", "et-evidence", evidence));
            } else status.textContent = "—";
          });
          table.replaceChild(body, table.tBodies[0]);
          button.remove();
          document.documentElement.dataset.regionsListed = String(both[0].length);
        }).catch(function (error) {
          button.disabled = false;
          showFailure(note, words.charts_failed, error);
        });
      });
    });
  }

  function targetRow(spec, row) {
    /* A row of a province's file of targets, as the page's own rows are written (targets.html.j2). */
    var lang = spec.lang;
    var tr = el("tr");
    tr.dataset.id = row.id;
    tr.dataset.province = spec.province;
    tr.dataset.level = row.level;
    tr.dataset.stage = row.stage;
    tr.dataset.year = row.target_year;
    tr.dataset.doc = row.doc_type;
    tr.dataset.status = row.status;
    var region = tr.appendChild(el("td"));
    region.appendChild(link(page(lang, "regions/" + encodeURIComponent(row.region) + "/") + "#q-t-" + row.id, row["region_" + lang] || row.region_zh));
    region.appendChild(document.createTextNode(" "));
    region.appendChild(el("span", "et-meta", spec.labels[row.level] || ""));
    tr.appendChild(el("td")).appendChild(link(page(lang, "indicators/" + encodeURIComponent(row.indicator) + "/"), row["indicator_" + lang] || row.indicator_zh));
    tr.appendChild(el("td", "", row["target_" + lang]));
    tr.appendChild(el("td", "", row.target_year));
    var status = tr.appendChild(el("td"));
    status.appendChild(el("span", "et-status--" + row.status, spec.labels["status_" + row.status] || row.status));
    if (row["evidence_" + lang]) status.appendChild(el("span", "et-evidence", row["evidence_" + lang]));
    return tr;
  }

  function filterTargets() {
    /* A list of targets: the filters select rows by the values the server wrote on each. At
       national scale the page holds the nation's and provinces' targets, and a province's
       file adds its subdivisions' when the reader picks it. */
    var form = document.getElementById("et-target-filters");
    var table = document.getElementById("targets-list");
    if (!form || !table) return;
    var spec = readSpec("et-targets-spec");
    var body = table.tBodies[0];
    var output = form.querySelector("output");
    var loaded = {};

    function apply() {
      var wanted = {};
      ["level", "stage", "year", "doc", "status"].forEach(function (name) {
        var field = form.elements[name];
        if (field && field.value) wanted[name] = field.value;
      });
      var province = form.elements.province ? form.elements.province.value : "";
      var text = form.elements.region.value.trim().toLowerCase();
      var rows = Array.prototype.slice.call(body.rows);
      var shown = 0;
      rows.forEach(function (row) {
        var keep = Object.keys(wanted).every(function (name) { return row.dataset[name] === wanted[name]; });
        if (keep && spec) keep = province ? row.dataset.province === province : !row.dataset.loaded;
        if (keep && text) keep = row.cells[0].textContent.toLowerCase().indexOf(text) >= 0;
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      output.textContent = fill(output.dataset.template, { shown: shown, total: rows.filter(function (r) { return !r.dataset.loaded || r.dataset.province === province; }).length });
      document.documentElement.dataset.targetsShown = String(shown);
    }

    function loadProvince() {
      var code = form.elements.province.value;
      var entry = spec.provinces.filter(function (p) { return p.code === code; })[0];
      if (!entry || loaded[code]) return Promise.resolve();
      loaded[code] = true;
      var present = {};
      Array.prototype.forEach.call(body.rows, function (row) { present[row.dataset.id] = true; });
      return fetchRows(entry.csv).then(function (rows) {
        rows.forEach(function (row) {
          if (present[row.id] || (spec.status && row.status !== spec.status)) return;
          var tr = targetRow({ lang: spec.lang, province: code, labels: spec.labels }, row);
          tr.dataset.loaded = "1";
          body.appendChild(tr);
        });
      });
    }

    form.addEventListener("input", function (event) {
      if (event.target.name === "province") loadProvince().then(apply);
      else apply();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function startSearch() {
    /* The search page's code lives in search.js, fetched only there. */
    if (document.getElementById("et-search")) load("js/search.js");
  }

  var lang = document.documentElement.lang === "en" ? "en" : "zh";
  sortTables();
  scrollCues(lang);
  filterTargets();
  var region = readSpec("et-spec");
  if (region) regionPage(region);
  var source = readSpec("et-source-spec");
  if (source) sourceFigures(source);
  var regions = readSpec("et-regions-spec");
  if (regions) offerAllRegions(regions);
  startSearch();
})();
