/* edutargets search page: names by substring, full text through Pagefind. Loaded by site.js. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../../", script.src);         // site root

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

  startSearch();
})();
