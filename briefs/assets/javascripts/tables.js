// Incident tables you can work with: sort by a column, filter (dates, country, type, actor,
// attribution, killed and wounded), keep the filter in the page's query string so a filtered view can
// be shared and reloads the same, and download the rows shown as CSV. Progressive enhancement: the
// page's HTML table is complete without this script. A table is a `.briefing-table` holding a table
// whose header cells carry data-col and whose rows carry data-d (day), data-k and data-w ("low,high");
// templates/_macros.j2 writes them. Every value reaches the page as text (textContent), never as HTML.
// The map (maps.js) shows the incidents the table shows: see `BriefingTables.visible` and the
// "briefing:filter" event.
(function () {
  "use strict";

  // The filter's fields, in the order of the URL and the form: [key, label, input kind, column].
  var FIELDS = [
    ["from", "From", "date"], ["to", "To", "date"],
    ["country", "Country", "select", "country"], ["type", "Type", "select", "type"],
    ["actor", "Actor", "text", "actors"], ["attribution", "Attribution", "select", "attribution"],
    ["kmin", "Killed ≥", "number"], ["kmax", "Killed ≤", "number"],
    ["wmin", "Wounded ≥", "number"], ["wmax", "Wounded ≤", "number"]
  ];
  var KEYS = FIELDS.map(function (f) { return f[0]; });

  function bounds(text) {
    var parts = String(text || "").split(","), low = parseInt(parts[0], 10), high = parseInt(parts[1], 10);
    return [isFinite(low) ? low : null, isFinite(high) ? high : null];
  }

  function num(value) {
    var n = parseInt(value, 10);
    return isFinite(n) ? n : null;
  }

  // Does an incident pass the filter? `rec`: {day, country, type, actors: [names], attribution,
  // killed: [low, high], wounded: [low, high]}; `f`: the filter's values by key (strings, "" = any).
  // Casualty bounds compare with the lower figure (what the sources support at least); a row whose
  // figure is not stated, or an undated row, is left out once such a bound is set.
  function matches(rec, f) {
    if (f.from && !(rec.day && rec.day >= f.from)) return false;
    if (f.to && !(rec.day && rec.day <= f.to)) return false;
    if (f.country && rec.country !== f.country) return false;
    if (f.type && rec.type !== f.type) return false;
    if (f.attribution && rec.attribution !== f.attribution) return false;
    if (f.actor) {
      var want = f.actor.toLowerCase();
      if (!rec.actors.some(function (a) { return a.toLowerCase().indexOf(want) >= 0; })) return false;
    }
    var checks = [["kmin", "killed", 1], ["kmax", "killed", -1], ["wmin", "wounded", 1], ["wmax", "wounded", -1]];
    for (var i = 0; i < checks.length; i++) {
      var limit = num(f[checks[i][0]]);
      if (limit === null) continue;
      var low = rec[checks[i][1]][0];
      if (low === null || (checks[i][2] > 0 ? low < limit : low > limit)) return false;
    }
    return true;
  }

  function readState() {
    var params = new URLSearchParams(window.location.search), state = {};
    KEYS.concat(["sort", "dir"]).forEach(function (k) { state[k] = params.get(k) || ""; });
    return state;
  }

  // The filter and the sort go into the query string (other parameters, e.g. Material's `h`, stay).
  function writeState(state) {
    var params = new URLSearchParams(window.location.search);
    KEYS.concat(["sort", "dir"]).forEach(function (k) {
      if (state[k]) params.set(k, state[k]); else params.delete(k);
    });
    var query = params.toString();
    try {
      history.replaceState(history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    } catch (e) { /* a page opened from disk may refuse: the filter still works */ }
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = String(text);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  // CSV as generator/exports.py writes it: numbers as numbers, text starting with = + - @ (a formula
  // to a spreadsheet) prefixed with ', fields with a comma, quote or line break quoted.
  var NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
  function csvCell(value) {
    if (value === null || value === undefined) return "";
    var text = String(value);
    if (typeof value !== "number" && /^[=+\-@]/.test(text) && !NUMBER.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function Table(box) {
    this.box = box;
    this.table = box.querySelector("table");
    this.tbody = this.table.querySelector("tbody");
    this.cols = {};
    var self = this;
    this.heads = Array.prototype.slice.call(this.table.querySelectorAll("thead th"));
    this.heads.forEach(function (th, i) { self.cols[th.getAttribute("data-col")] = i; });
    // Rows and cells are walked as siblings, never through the live `rows` / `cells` collections:
    // once those exist, Chromium makes every later move of a row cost time in proportion to the table.
    this.rows = [];
    for (var tr = this.tbody.firstElementChild, i = 0; tr; tr = tr.nextElementSibling, i++) this.rows.push(this.record(tr, i));
  }

  function cellsOf(tr) {
    var out = [];
    for (var td = tr.firstElementChild; td; td = td.nextElementSibling) out.push(td);
    return out;
  }

  Table.prototype.text = function (r, col) {
    var i = this.cols[col];
    return i === undefined || !r.cells[i] ? "" : r.cells[i].textContent.trim();
  };

  Table.prototype.record = function (tr, index) {
    var cells = cellsOf(tr), c = this.cols, r = { tr: tr, cells: cells, index: index, actors: [] };
    if (c.actors !== undefined && cells[c.actors]) {
      cells[c.actors].textContent.split("; ").forEach(function (a) { if (a.trim()) r.actors.push(a.trim()); });
    }
    var link = c.incident !== undefined && cells[c.incident] ? cells[c.incident].querySelector("a") : null;
    ["killed", "wounded"].forEach(function (col) {  // figures align right (a class the HTML need not carry)
      if (c[col] !== undefined && cells[c[col]]) cells[c[col]].className = "briefing-num";
    });
    r.day = tr.getAttribute("data-d") || "";
    r.country = this.text(r, "country");
    r.type = this.text(r, "type");
    r.attribution = this.text(r, "attribution");
    r.killed = bounds(tr.getAttribute("data-k"));
    r.wounded = bounds(tr.getAttribute("data-w"));
    r.href = link ? link.getAttribute("href") : "";
    r.shown = true;
    return r;
  };

  Table.prototype.values = function (col) {
    var seen = {};
    this.rows.forEach(function (r) {
      (col === "actors" ? r.actors : [r[col]]).forEach(function (v) { if (v) seen[v] = true; });
    });
    return Object.keys(seen).sort(function (a, b) { return a.localeCompare(b); });
  };

  Table.prototype.build = function (state) {
    var self = this, n = Table.count = (Table.count || 0) + 1;
    var panel = el("details", null, { "class": "briefing-filter" });
    // Open on the index and the map (wide tables) unless on a phone, and wherever the address carries a filter.
    if ((this.box.classList.contains("briefing-table--wide") && window.innerWidth > 720) ||
        KEYS.some(function (k) { return state[k]; })) panel.open = true;
    this.summary = el("summary", "");
    panel.appendChild(this.summary);
    var form = el("form", null, { "class": "briefing-filter__form" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    this.inputs = {};
    FIELDS.forEach(function (f) {
      var key = f[0], id = "briefing-f" + n + "-" + key, input;
      var label = el("label", f[1] + " ", { "for": id });
      if (f[2] === "select") {
        var values = self.values(f[3]);
        if (!values.length) return;
        input = el("select", null, { id: id, name: key });
        input.appendChild(el("option", "any", { value: "" }));
        values.forEach(function (v) { input.appendChild(el("option", v, { value: v })); });
      } else {
        input = el("input", null, { id: id, name: key, type: f[2] === "text" ? "search" : f[2] });
        if (f[2] === "number") { input.setAttribute("min", "0"); input.setAttribute("step", "1"); }
        if (f[2] === "text") {
          if (f[3] && self.cols[f[3]] === undefined) return;
          var list = el("datalist", null, { id: id + "-list" });
          self.values(f[3]).forEach(function (v) { list.appendChild(el("option", null, { value: v })); });
          form.appendChild(list);
          input.setAttribute("list", id + "-list");
        }
      }
      input.value = state[key];
      input.addEventListener(f[2] === "select" ? "change" : "input", function () { self.limit = PAGE; self.update(); });
      self.inputs[key] = input;
      var field = el("span", null, { "class": "briefing-filter__field" });
      field.appendChild(label);
      field.appendChild(input);
      form.appendChild(field);
    });
    var reset = el("button", "Clear", { type: "button", "class": "md-button" });
    reset.addEventListener("click", function () {
      Object.keys(self.inputs).forEach(function (k) { self.inputs[k].value = ""; });
      self.limit = PAGE;
      self.update();
    });
    var csv = el("button", "Download CSV of these rows", { type: "button", "class": "md-button briefing-filter__csv" });
    csv.addEventListener("click", function () { self.download(); });
    form.appendChild(reset);
    form.appendChild(csv);
    panel.appendChild(form);
    var slot = document.querySelector(".briefing-filter-slot:empty");
    if (slot) slot.appendChild(panel); else this.box.parentNode.insertBefore(panel, this.box);

    this.heads.forEach(function (th) {
      var col = th.getAttribute("data-col");
      var button = el("button", th.textContent, { type: "button", "class": "briefing-sort", title: "Sort by " + th.textContent });
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var dir = self.sort.col === col && self.sort.dir === "asc" ? "desc" : "asc";
        if (self.sort.col !== col && (col === "date" || col === "killed" || col === "wounded")) dir = "desc";
        self.sortBy(col, dir);
        self.limit = PAGE;
        self.update();
      });
    });
    this.limit = PAGE;
    this.more = el("button", "", { type: "button", "class": "md-button briefing-table__more" });
    this.more.addEventListener("click", function () { self.limit += PAGE; self.update(); });
    this.box.parentNode.insertBefore(this.more, this.box.nextSibling);
    this.sort = { col: "", dir: "" };
    if (state.sort && this.cols[state.sort] !== undefined) this.sortBy(state.sort, state.dir === "asc" ? "asc" : "desc");
  };

  Table.prototype.key = function (r, col) {
    if (col === "date") return r.day;
    if (col === "killed" || col === "wounded") return r[col][0] === null ? -1 : r[col][0];
    return this.text(r, col).toLowerCase();
  };

  Table.prototype.sortBy = function (col, dir) {
    var self = this, sign = dir === "asc" ? 1 : -1, keys = {};
    this.rows.forEach(function (r) { keys[r.index] = self.key(r, col); });
    var order = this.rows.slice().sort(function (a, b) {
      var x = keys[a.index], y = keys[b.index], xn = x === "" || x === -1, yn = y === "" || y === -1;
      if (xn !== yn) return xn ? 1 : -1;  // undated rows and figures not stated go last either way
      var c = typeof x === "number" ? x - y : x.localeCompare(y);
      return c ? sign * c : a.index - b.index;
    });
    // The body is emptied, then filled in the new order: moving each row from the middle of a long
    // body costs the browser time that grows with the table (a minute at 10,000 rows in Chromium).
    var body = this.tbody, frag = document.createDocumentFragment();
    body.textContent = "";
    order.forEach(function (r) { frag.appendChild(r.tr); });
    body.appendChild(frag);
    this.order = order;
    this.sort = { col: col, dir: dir };
    this.heads.forEach(function (th) {
      if (th.getAttribute("data-col") === col) th.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  };

  Table.prototype.state = function () {
    var state = {}, self = this;
    KEYS.forEach(function (k) { state[k] = self.inputs[k] ? self.inputs[k].value.trim() : ""; });
    state.sort = this.sort.col;
    state.dir = this.sort.col ? this.sort.dir : "";
    return state;
  };

  // Browsers lay a table out whole: 10,000 rows take seconds on every change. The script shows the
  // first PAGE rows that match (in the current order) and a button for more; the count, the map and
  // the CSV take every matching row. Without script the table shows every row.
  var PAGE = 500;

  Table.prototype.update = function () {
    var state = this.state(), matched = 0, limit = this.limit, pages = new Set();
    (this.order || this.rows).forEach(function (r) {
      var ok = matches(r, state), show = ok && matched < limit;
      if (ok) { matched++; if (r.href) pages.add(r.href); }
      r.shown = ok;
      if (show === r.tr.hidden) r.tr.hidden = !show;
    });
    var text = "Filter, sort, download: " + matched + " of " + this.rows.length + " incidents match";
    if (matched > limit) text += " (the first " + limit + " are listed)";
    this.summary.textContent = text;
    this.more.hidden = !(matched > limit);
    if (matched > limit) this.more.textContent = "List " + Math.min(PAGE, matched - limit) + " more";
    this.box.setAttribute("data-shown", String(matched));
    this.pages = pages;
    writeState(state);
    this.box.dispatchEvent(new CustomEvent("briefing:filter", { bubbles: true, detail: { state: state, pages: pages } }));
  };

  Table.prototype.download = function () {
    var self = this, c = this.cols;
    var head = ["date", "day", "incident", "page", "type", "country", "place", "actors"];
    if (c.role !== undefined) head.push("role");
    head = head.concat(["attribution", "killed_low", "killed_high", "wounded_low", "wounded_high"]);
    if (c.lat !== undefined) head = head.concat(["latitude", "longitude"]);
    var lines = [head.join(",")];
    (this.order || this.rows).forEach(function (r) {
      if (!r.shown) return;
      var page = r.href ? new URL(r.href, window.location.href).href : "";
      var row = [self.text(r, "date"), r.day, self.text(r, "incident"), page, r.type, r.country,
                 self.text(r, "place"), r.actors.join("; ")];
      if (c.role !== undefined) row.push(self.text(r, "role"));
      row = row.concat([r.attribution, r.killed[0], r.killed[1], r.wounded[0], r.wounded[1]]);
      if (c.lat !== undefined) row = row.concat([parseFloat(self.text(r, "lat")), parseFloat(self.text(r, "lon"))]);
      lines.push(row.map(csvCell).join(","));
    });
    var blob = new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var a = el("a", null, { download: "incidents-filtered.csv", href: URL.createObjectURL(blob) });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  };

  function init() {
    var state = readState();
    document.querySelectorAll(".briefing-table").forEach(function (box) {
      if (box.briefingTable || !box.querySelector("table thead th[data-col]")) return;
      var table = new Table(box);
      box.briefingTable = table;
      table.build(state);
      table.update();
    });
  }

  window.BriefingTables = {
    matches: matches, csvCell: csvCell,
    // The incident pages (hrefs as the table writes them) the first incident table shows, or null.
    visible: function () {
      var box = document.querySelector(".briefing-table");
      return box && box.briefingTable ? box.briefingTable.pages : null;
    }
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
