// Maps for Briefing pages. A `.briefing-map` element is either one point (data-lat, data-lon,
// data-label) or a layer of incidents loaded from a GeoJSON file (data-geojson, relative to the page).
// Without Leaflet (not installed) or without network for tiles, the tables on each page still carry
// every coordinate, so the map is an aid, never the only way to the data.
(function () {
  "use strict";

  var TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  var ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

  function baseMap(el) {
    var map = L.map(el, { scrollWheelZoom: false });
    L.tileLayer(TILES, { maxZoom: 18, attribution: ATTRIBUTION }).addTo(map);
    return map;
  }

  function marker(lat, lon) {
    // Circle markers are drawn as SVG: no icon images to resolve, crisp in both colour schemes.
    return L.circleMarker([lat, lon], {
      radius: 7, weight: 2, color: "#bf360c", fillColor: "#ff7043", fillOpacity: 0.8
    });
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
    return box;
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
        var group = L.featureGroup();
        data.features.forEach(function (f) {
          var c = f.geometry.coordinates;
          marker(c[1], c[0]).bindPopup(popupContent(f.properties)).addTo(group);
        });
        group.addTo(map);
        if (data.features.length) map.fitBounds(group.getBounds().pad(0.2), { maxZoom: 9 });
        el.dataset.markers = String(data.features.length);
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
