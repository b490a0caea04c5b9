/* edutargets search page: names by substring, full text through Pagefind, and a word when neither
   finds anything. Loaded by site.js. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../../", script.src);         // site root
  var LIMIT = 20;

  function inflate(buffer) {
    /* names.json.gz, gzipped at build time; a server that sent it already inflated is fine too */
    var bytes = new Uint8Array(buffer);
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Promise.resolve(new TextDecoder().decode(bytes));
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }

  function unpack(data) {
    /* {"r": [[code, zh, en, parent], ...], "i": [[id, zh, en], ...]}: links follow from kind and code */
    var byCode = {};
    var names = data.r.map(function (r) {
      var n = { k: "r", c: r[0], zh: r[1], en: r[2] || r[1], p: r[3], u: "regions/" + r[0] + "/" };
      byCode[n.c] = n;
      return n;
    });
    data.i.forEach(function (i) { names.push({ k: "i", c: i[0], zh: i[1], en: i[2] || i[1], p: "", u: "indicators/" + i[0] + "/" }); });
    names.forEach(function (n) {
      n.zhLower = n.zh.toLowerCase();
      n.enLower = n.en.toLowerCase();
      /* a county's or prefecture's parent tells apart places of the same name; a province's is the nation */
      var parent = byCode[n.p];
      n.parent = parent && byCode[parent.p] ? parent : null;
    });
    return names;
  }

  function rank(n, q) {
    /* exact name or code first, then names starting with the query, then the rest, in list order */
    if (n.zhLower === q || n.enLower === q || n.c === q) return 0;
    if (n.zhLower.indexOf(q) === 0 || n.enLower.indexOf(q) === 0) return 1;
    if (n.zhLower.indexOf(q) > 0 || n.enLower.indexOf(q) > 0) return 2;
    return -1;
  }

  function matchNames(box, names, query) {
    /* Names are matched as substrings: Chinese readers expect 入园率 to find 学前教育毛入园率. */
    var section = document.getElementById("et-name-results");
    var list = section.querySelector("ul");
    var lang = box.dataset.lang;
    var prefix = lang === "zh" ? "" : lang + "/";
    var labels = { r: section.dataset.region, i: section.dataset.indicator };
    var q = query.trim().toLowerCase();
    var buckets = [[], [], []];
    if (q) {
      names.forEach(function (n) {
        var r = rank(n, q);
        if (r >= 0 && buckets[r].length < LIMIT) buckets[r].push(n);
      });
    }
    var found = buckets[0].concat(buckets[1], buckets[2]).slice(0, LIMIT);
    list.textContent = "";
    found.forEach(function (n) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(prefix + n.u, root).href;
      link.textContent = lang === "zh" ? n.zh : n.en;
      item.appendChild(link);
      var meta = document.createElement("span");
      meta.className = "et-meta";
      var parts = [lang === "zh" ? n.en : n.zh];
      if (n.parent) parts.push(lang === "zh" ? n.parent.zh : n.parent.en);
      parts.push(labels[n.k]);
      meta.textContent = " " + parts.join(" · ");
      item.appendChild(meta);
      list.appendChild(item);
    });
    section.hidden = found.length === 0;
    return found.length;
  }

  /* Han characters, as text.HAN has them: the index holds each run of them as overlapping
     pairs, and a query is split the same way before Pagefind sees it. */
  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  var PIECES = new RegExp("[" + HAN + "]+|[^\\s" + HAN + "]+", "gu");
  var HAN_RUN = new RegExp("^[" + HAN + "]+$", "u");

  function pairs(query) {
    /* 新建公办幼儿园 -> 新建 建公 公办 办幼 幼儿 儿园; one character alone stays itself; other words as typed */
    var found = [];
    (query.match(PIECES) || []).forEach(function (piece) {
      var chars = Array.from(piece);
      if (!HAN_RUN.test(piece) || chars.length === 1) {
        found.push(piece);
        return;
      }
      for (var i = 0; i + 1 < chars.length; i++) found.push(chars[i] + chars[i + 1]);
    });
    return found.join(" ");
  }

  function excerpt(text, query) {
    /* The result's text around the first place it has the query, or else its longest word, marked */
    var lower = text.toLowerCase();
    var q = query.toLowerCase();
    var needles = [q].concat((q.match(PIECES) || []).sort(function (a, b) { return b.length - a.length; }));
    var at = -1, length = 0;
    for (var n = 0; n < needles.length && at < 0; n++) {
      at = lower.indexOf(needles[n]);
      length = needles[n].length;
    }
    var p = document.createElement("p");
    p.className = "et-excerpt";
    if (at < 0) {
      p.textContent = text.length > 100 ? text.slice(0, 100) + "…" : text;
      return p;
    }
    var start = Math.max(0, at - 30), end = Math.min(text.length, at + length + 70);
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + length);
    p.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, at)));
    p.appendChild(mark);
    p.appendChild(document.createTextNode(text.slice(at + length, end) + (end < text.length ? "…" : "")));
    return p;
  }

  function showPages(pagefind, query, lang) {
    /* Full text through Pagefind's API: only the index chunks and fragments a query needs.
       Resolves to the number of pages shown, or null when a later query replaced this one. */
    var section = document.getElementById("et-text-results");
    var list = section.querySelector("ol");
    return pagefind.debouncedSearch(pairs(query), {}, 250).then(function (search) {
      if (search === null) return null;
      return Promise.all(search.results.slice(0, 10).map(function (r) { return r.data(); })).then(function (pages) {
        list.textContent = "";
        var sources = root.pathname + "sources/";
        var english = lang !== "zh";
        pages.forEach(function (page) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          /* a source's record serves both languages: its page and title in the reader's */
          var own = english && page.url.indexOf(sources) === 0;
          link.href = own ? root.pathname + lang + "/" + page.url.slice(root.pathname.length) : page.url;
          link.textContent = (english && page.meta.title_en) || page.meta.title || page.url;
          item.appendChild(link);
          item.appendChild(excerpt(page.meta.text || "", query));
          list.appendChild(item);
        });
        section.hidden = pages.length === 0;
        return pages.length;
      });
    });
  }

  function startSearch() {
    var box = document.getElementById("et-search");
    if (!box) return;
    var input = document.getElementById("et-q");
    var none = document.getElementById("et-no-results");
    var names = null;
    var pagefind = null;  /* false if it could not be loaded: then the names alone answer */
    function run() {
      var query = input.value.trim();
      var named = matchNames(box, names || [], query);
      if (!query) {
        document.getElementById("et-text-results").hidden = true;
        none.hidden = true;
        return;
      }
      if (names === null || pagefind === null) return;  /* not "nothing found" before both can answer */
      var shown = pagefind ? showPages(pagefind, query, box.dataset.lang) : Promise.resolve(0);
      shown.then(function (count) {
        if (count !== null && query === input.value.trim()) none.hidden = named + count > 0;
      });
    }
    box.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", run);
    fetch(new URL(box.dataset.names, location.href).href)
      .then(function (r) { return r.arrayBuffer(); })
      .then(inflate)
      .then(function (text) { names = unpack(JSON.parse(text)); run(); });
    import(new URL(box.dataset.pagefind, location.href).href).then(function (module) {
      /* noWorker: Pagefind's web worker is one more 40 KB script to fetch, for a small index.
         metaWeights 0: the meta fields hold what a result shows, not what it is found by (the
         indexed pairs); their whole words would rank a document's long title before a region. */
      var options = { baseUrl: root.pathname, ranking: { metaWeights: { title: 0, text: 0, title_en: 0 } } };
      /* the sources' bundles, indexed once for both languages (search_index.source_bundles) */
      var merged = (box.dataset.merged || "").split(" ").filter(Boolean).map(function (folder) {
        return new URL(folder, location.href).href;
      });
      return module.options(Object.assign({ noWorker: true }, options))
        .then(function () {
          return Promise.all(merged.map(function (url) {
            /* a bundle that fails to load leaves the others searchable */
            return module.mergeIndex(url, Object.assign({ language: "zh" }, options)).catch(function () {});
          }));
        })
        .then(function () { pagefind = module; run(); });
    }).catch(function () { pagefind = false; run(); });
    var query = new URLSearchParams(location.search).get("q");
    if (query) input.value = query;
  }

  startSearch();
})();
