// Maps for Briefing pages. A `.briefing-map` element is either one point (data-lat, data-lon,
// data-label) or a layer of incidents loaded from a GeoJSON file (data-geojson, relative to the page).
// The basemap works offline: country outlines from world-atlas (TopoJSON, converted by
// topojson-client), both served from the site; OpenStreetMap tiles are layered on top only when one
// loads. The incidents layer colours markers by event type, sizes them by the killed figure, clusters
// close points, has a legend, and shows the incidents the page's table filter lets through (tables.js).
// Without Leaflet (not installed) the tables on each page still carry every coordinate, so the map is
// an aid, never the only way to the data.
(function () {
  "use strict";

  var TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  var ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
  // The site's root, from this script's own address (assets/javascripts/maps.js).
  var ROOT = document.currentScript ? new URL("../../", document.currentScript.src).href : null;
  var OUTLINES = "assets/vendor/world-atlas/countries-110m.json";

  // One colour per event type (generator/views.py EVENT_LABELS); unknown types are grey.
  var COLOURS = {
    drone_attack: "#1f77b4", rocket_attack: "#d62728", missile_attack: "#9467bd", air_strike: "#ff7f0e",
    shelling: "#8c564b", bombing: "#e377c2", armed_clash: "#2ca02c", assassination: "#17becf",
    attack_on_ship: "#bcbd22", other: "#7f7f7f"
  };
  var OTHER = "#7f7f7f";

  var outlines = null;  // one request per page for the country outlines
  function countryOutlines() {
    if (!outlines) {
      outlines = (ROOT && typeof topojson !== "undefined")
        ? fetch(new URL(OUTLINES, ROOT).href).then(function (r) {
            if (!r.ok) throw new Error(r.status + " " + r.statusText);
            return r.json();
          }).then(function (topo) { return topojson.feature(topo, topo.objects.countries); })
        : Promise.reject(new Error("no topojson-client"));
    }
    return outlines;
  }

  // Tiles only when the tile server answers: one tile is tried first; on failure the outlines stay.
  var tilesReachable = null;
  function tilesAnswer() {
    if (!tilesReachable) {
      tilesReachable = new Promise(function (resolve) {
        var img = new Image();
        img.onload = function () { resolve(true); };
        img.onerror = function () { resolve(false); };
        img.src = TILES.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0");
      });
    }
    return tilesReachable;
  }

  // On a touch screen one finger scrolls the page, as everywhere else on it, and two fingers move and
  // zoom the map: a map as wide as a phone would otherwise catch every swipe that starts on it and the
  // reader could not scroll past it. A one-finger swipe on the map says so for a moment.
  var TOUCH = window.matchMedia ? window.matchMedia("(pointer: coarse)").matches : false;

  function twoFingers(map, el) {
    var hint = textElement("div", "Use two fingers to move the map");
    hint.className = "briefing-map__hint";
    hint.setAttribute("aria-hidden", "true");
    el.appendChild(hint);
    var timer = null;
    el.addEventListener("touchmove", function (e) {
      if (e.touches.length !== 1) return;
      hint.classList.add("briefing-map__hint--shown");
      clearTimeout(timer);
      timer = setTimeout(function () { hint.classList.remove("briefing-map__hint--shown"); }, 1500);
    }, { passive: true });
    el.addEventListener("touchstart", function (e) {
      if (e.touches.length > 1) hint.classList.remove("briefing-map__hint--shown");
    }, { passive: true });
    el.dataset.gestures = "two-fingers";
    return map;
  }

  function baseMap(el) {
    var map = L.map(el, { scrollWheelZoom: false, maxZoom: 18, minZoom: 1, dragging: !TOUCH });
    if (TOUCH) twoFingers(map, el);
    map.createPane("briefing-outlines").style.zIndex = 150;  // under the tiles (200) when they come
    countryOutlines().then(function (geo) {
      L.geoJSON(geo, {
        pane: "briefing-outlines", renderer: L.svg({ pane: "briefing-outlines" }), interactive: false,
        attribution: "Outlines: Natural Earth (world-atlas)",
        style: { className: "briefing-outline", weight: 0.8, color: "#8d8d8d", fillColor: "#f3f0e6", fillOpacity: 1 }
      }).addTo(map);
      el.dataset.outlines = "1";
    }).catch(function (err) { el.dataset.outlines = "0: " + String(err); });
    tilesAnswer().then(function (ok) {
      el.dataset.tiles = ok ? "1" : "0";
      if (ok) L.tileLayer(TILES, { maxZoom: 18, attribution: ATTRIBUTION }).addTo(map);
    });
    return map;
  }

  function marker(lat, lon, colour, radius) {
    // Circle markers are drawn as SVG: no icon images to resolve, crisp in both colour schemes.
    return L.circleMarker([lat, lon], {
      radius: radius || 7, weight: 2, color: "#263238", fillColor: colour || "#ff7043", fillOpacity: 0.8
    });
  }

  // Sized by the killed figure the sources support at least: 5 px, growing with its logarithm.
  function radius(killed) {
    var k = typeof killed === "number" && killed > 0 ? killed : 0;
    return Math.min(22, 5 + 3 * Math.log(1 + k) / Math.LN2);
  }

  // Labels, titles and places come from article text and records: they reach Leaflet as DOM elements
  // whose text is set with textContent, never as strings (Leaflet inserts strings as HTML).
  function textElement(tag, text) {
    var el = document.createElement(tag);
    el.textContent = text == null ? "" : String(text);
    return el;
  }

  function popupContent(p) {
    var box = document.createElement("div");
    var link = textElement("a", p.title), page = String(p.page || "");
    // A page of this site, relative: never a URL with a scheme (javascript:) or one leaving the site.
    if (/^[a-z0-9][a-z0-9._\/-]*\.html$/.test(page) && page.indexOf("..") < 0) link.setAttribute("href", page);
    box.appendChild(link);
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(String(p.date_text || "") + " · " + String(p.place || "")));
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(String(p.event_label || "") + " · killed " +
      String(p.killed_text || "not stated") + " · wounded " + String(p.wounded_text || "not stated")));
    return box;
  }

  // The legend sits in the map's corner; on a narrow screen (a phone: Material's breakpoint, as in
  // briefing.css) it would hide a third of the map, so it goes under the map instead, and back into the
  // corner when the screen widens (a phone turned sideways).
  var NARROW = "(max-width: 44.9375em)";

  function legend(map, el, types) {
    var box = document.createElement("div");
    box.className = "briefing-legend";
    box.appendChild(textElement("strong", "Event type"));
    types.forEach(function (t) {
      var row = document.createElement("div");
      var swatch = textElement("span", "");
      swatch.className = "briefing-legend__swatch";
      swatch.style.background = COLOURS[t.type] || OTHER;
      row.appendChild(swatch);
      row.appendChild(document.createTextNode(" " + t.label));
      box.appendChild(row);
    });
    box.appendChild(textElement("small", "Size: killed (lower figure)"));
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () { return box; };
    var narrow = window.matchMedia(NARROW);
    function place() {
      control.remove();
      box.classList.toggle("briefing-legend--below", narrow.matches);
      if (narrow.matches) {
        box.classList.remove("leaflet-control");  // Leaflet's z-index would lift it over Material's header
        el.parentNode.insertBefore(box, el.nextSibling);
      } else control.addTo(map);
    }
    place();
    narrow.addEventListener("change", place);
  }

  function point(el) {
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    if (!isFinite(lat) || !isFinite(lon)) return;
    var map = baseMap(el);
    map.setView([lat, lon], 9);
    marker(lat, lon).bindTooltip(textElement("span", el.dataset.label)).addTo(map);
  }

  function layer(el) {
    var map = baseMap(el);
    map.setView([33.3, 44.4], 5);
    fetch(el.dataset.geojson)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      })
      .then(function (data) {
        var clustered = typeof L.markerClusterGroup === "function";
        var group = clustered ? L.markerClusterGroup({ maxClusterRadius: 30, showCoverageOnHover: false })
                              : L.featureGroup();
        var types = {}, markers = [];
        data.features.forEach(function (f) {
          var c = f.geometry.coordinates, p = f.properties || {};
          var m = marker(c[1], c[0], COLOURS[p.event_type] || OTHER, radius(p.killed_low));
          m.bindPopup(popupContent(p));
          m.briefingPage = String(p.page || "");
          markers.push(m);
          if (!types[p.event_type]) types[p.event_type] = { type: p.event_type, label: String(p.event_label || p.event_type || "unknown") };
        });
        group.addTo(map);
        legend(map, el, Object.keys(types).sort().map(function (k) { return types[k]; }));

        // The table's filter (tables.js) decides which incidents the map shows.
        function show(pages) {
          var shown = pages ? markers.filter(function (m) { return pages.has(m.briefingPage); }) : markers;
          group.clearLayers();
          if (clustered) group.addLayers(shown); else shown.forEach(function (m) { group.addLayer(m); });
          el.dataset.markers = String(shown.length);
          return shown;
        }
        // The view first (without animation), then the markers: clusters form once, at that zoom.
        var visible = window.BriefingTables ? window.BriefingTables.visible() : null;
        var first = visible ? markers.filter(function (m) { return visible.has(m.briefingPage); }) : markers;
        if (first.length) map.fitBounds(L.featureGroup(first).getBounds().pad(0.2), { maxZoom: 6, animate: false });
        show(visible);
        document.addEventListener("briefing:filter", function (e) { show(e.detail.pages); });
      })
      .catch(function (err) {
        el.dataset.error = String(err);
        el.insertAdjacentText("beforebegin", "The map could not load its points; the table below lists them all.");
      });
  }

  function init() {
    if (typeof L === "undefined") return;
    document.querySelectorAll(".briefing-map").forEach(function (el) {
      if (el.dataset.ready) return;
      el.dataset.ready = "1";
      if (el.dataset.geojson) layer(el); else point(el);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
