/* The site's search: Pagefind's JS API (pagefind/pagefind.js, built by build_tools/search.py) behind
   Material's own search markup (partials/search.html), so it looks like the theme, light and dark.
   Pagefind's index comes in chunks fetched for the words searched; nothing loads until search opens.
   `/` (or `s`, `f`, as in Material) and a click on the magnifier open it; Escape closes it. */
(function () {
  "use strict";
  var root = document.querySelector("[data-briefing-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var input = root.querySelector(".md-search__input");
  var form = root.querySelector(".md-search__form");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var translations = config.translations;
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var loading = null;
  var latest = 0;
  var MAX_RESULTS = 10;

  /* Under `mkdocs serve`, pagefind/overlay.json names an overlay of the pages changed since the whole site
     was indexed, and the whole index's entries it replaces (build_tools/search.py); a built site's names none. */
  var NO_OVERLAY = { bundle: null, replaced: [] };
  function pagefind() {
    if (!loading) {
      var overlay = fetch(new URL("pagefind/overlay.json", base).href, { cache: "no-store" })
        .then(function (response) { return response.ok ? response.json() : NO_OVERLAY; })
        .catch(function () { return NO_OVERLAY; });
      loading = Promise.all([import(new URL("pagefind/pagefind.js", base).href), overlay]).then(function (both) {
        var module = both[0], changes = both[1];
        return module.options({ baseUrl: base.pathname })
          .then(function () {
            if (changes.bundle) return module.mergeIndex(new URL(changes.bundle, base).pathname, { baseUrl: base.pathname });
          })
          .then(function () { return { module: module, replaced: new Set(changes.replaced) }; });
      });
    }
    return loading;
  }

  /* The results of both indexes, best first, without the entries the overlay replaces; an entry both hold once. */
  function current(results, replaced) {
    var seen = new Set();
    return results.filter(function (result) {
      if (replaced.has(result.id) || seen.has(result.id)) return false;
      seen.add(result.id);
      return true;
    });
  }

  /* A figure is found however it is written: "11.000", "11,000", "11 000" and "11 ribu" (thousand),
     "1,5 juta" (million), "2 miliar" (billion) are all searched as the digits the index holds
     ("11000"); Indonesian writes "." between thousands and "," before decimals, English the reverse. */
  var SCALES = { ribu: 1e3, rb: 1e3, thousand: 1e3, juta: 1e6, million: 1e6, miliar: 1e9, milyar: 1e9, billion: 1e9 };
  function figuresAsDigits(query) {
    return query
      .replace(/(\d+(?:[.,]\d+)?)\s*(ribu|rb|thousand|juta|million|miliar|milyar|billion)\b/gi, function (all, number, scale) {
        var value = Number(number.replace(",", ".")) * SCALES[scale.toLowerCase()];
        return isFinite(value) ? String(Math.round(value)) : all;
      })
      .replace(/\b\d{1,3}(?:[.,\u00a0 ]\d{3})+\b/g, function (number) { return number.replace(/[.,\u00a0 ]/g, ""); });
  }

  function say(text) { meta.textContent = text; }
  function count(n) {
    if (n === 0) return translations["search.result.none"];
    if (n === 1) return translations["search.result.one"];
    return translations["search.result.other"].replace("#", n);
  }

  /* Pagefind's excerpt is markup (its <mark>s around the words found); it is parsed inert and rebuilt from
     its text and marks alone, so that nothing a page's text holds can become an element here. */
  function excerptNodes(markup) {
    var parsed = new DOMParser().parseFromString("<p>" + markup + "</p>", "text/html").body;
    return Array.prototype.map.call(parsed.firstChild ? parsed.firstChild.childNodes : [], function (node) {
      if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
      var mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    });
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = data.meta.title || data.url;
    var excerpt = document.createElement("p");
    excerpt.append.apply(excerpt, excerptNodes(data.excerpt));
    article.append(title, excerpt);
    link.append(article);
    item.append(link);
    return item;
  }

  function search() {
    var query = input.value.trim();
    var asked = ++latest;
    if (!query) { list.replaceChildren(); say(translations["search.result.placeholder"]); return; }
    pagefind()
      .then(function (index) {
        return index.module.search(figuresAsDigits(query)).then(function (found) {
          return current(found.results, index.replaced);
        });
      })
      .then(function (results) {
        return Promise.all(results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }))
          .then(function (pages) { return { total: results.length, pages: pages }; });
      })
      .then(function (found) {
        if (asked !== latest) return;  /* a later keystroke has its own search */
        say(count(found.total));
        list.replaceChildren.apply(list, found.pages.map(resultItem));
      })
      .catch(function () { if (asked === latest) say(translations["search.result.none"]); });
  }

  function open() {
    toggle.checked = true;
    input.focus();
  }
  function close() {
    toggle.checked = false;
    input.blur();
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) { input.focus(); pagefind(); }
  });
  input.addEventListener("focus", function () { if (!toggle.checked) toggle.checked = true; pagefind(); });
  input.addEventListener("input", search);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () { setTimeout(search, 0); input.focus(); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) { event.preventDefault(); close(); return; }
    if (toggle.checked || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.isContentEditable || /^(input|select|textarea)$/i.test(target.tagName)) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") { event.preventDefault(); open(); }
  });
  say(translations["search.result.placeholder"]);
})();
