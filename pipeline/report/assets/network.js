// Network explorer: draws the precomputed layout as SVG, with pan/zoom, details and edge-kind filters.
// Hand-written on purpose: the report must work offline, with nothing to vendor.
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var errors = document.getElementById("errors");

  // Errors go into the #errors element so a headless browser's DOM dump reveals them.
  function report(msg) {
    errors.textContent += msg + "\n";
    errors.hidden = false;
  }
  window.addEventListener("error", function (e) { report("error: " + e.message); });
  window.addEventListener("unhandledrejection", function (e) { report("rejection: " + e.reason); });
  var consoleError = console.error;
  console.error = function () {
    report("console.error: " + Array.prototype.join.call(arguments, " "));
    consoleError.apply(console, arguments);
  };

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG_NS, name);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(node);
    return node;
  }

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function init() {
    var data = JSON.parse(document.getElementById("network-data").textContent);
    var svg = document.getElementById("network");
    var details = document.getElementById("details");
    var tooltip = document.getElementById("tooltip");
    var view = { k: 1, x: 0, y: 0 };
    var viewport = el("g", { id: "viewport" }, svg);
    var gEdges = el("g", { "class": "edges" }, viewport);
    var gNodes = el("g", { "class": "nodes" }, viewport);
    var gLabels = el("g", { "class": "labels" }, viewport);
    var nodes = data.nodes, edges = data.edges;
    var circles = [], labels = {}, edgeGroups = [], adjacency = nodes.map(function () { return []; });
    var selected = null;

    edges.forEach(function (e, i) {
      var a = nodes[e.s], b = nodes[e.t], kind = data.kinds[e.kind] || { colour: "#888" };
      var g = el("g", { "class": "edge-g", "data-kind": e.kind, "data-index": i }, gEdges);
      var line = el("line", {
        "class": "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: kind.colour,
        "stroke-width": e.width, "stroke-opacity": 0.6, "vector-effect": "non-scaling-stroke"
      }, g);
      if (e.uncertain) line.setAttribute("stroke-dasharray", "5 4");
      el("line", { "class": "edge-hit", x1: a.x, y1: a.y, x2: b.x, y2: b.y, "vector-effect": "non-scaling-stroke" }, g);
      g.addEventListener("mouseenter", function (ev) { tip(ev, edgeTip(e)); });
      g.addEventListener("mousemove", moveTip);
      g.addEventListener("mouseleave", hideTip);
      g.addEventListener("click", function (ev) { ev.stopPropagation(); showEdge(i); });
      edgeGroups.push(g);
      adjacency[e.s].push(i);
      adjacency[e.t].push(i);
    });

    var names = document.getElementById("actor-names");
    nodes.forEach(function (n, i) {
      var c = el("circle", {
        "class": "node", cx: n.x, cy: n.y, r: n.r, fill: data.groups[n.group] || "#999",
        "data-id": n.id, "data-index": i
      }, gNodes);
      c.addEventListener("mouseenter", function (ev) { tip(ev, "<b>" + esc(n.name) + "</b><br>" + esc(n.kind) + (n.district ? " · " + esc(n.district) : "")); });
      c.addEventListener("mousemove", moveTip);
      c.addEventListener("mouseleave", hideTip);
      c.addEventListener("click", function (ev) { ev.stopPropagation(); showNode(i); });
      circles.push(c);
      if (n.label) addLabel(i);
      var opt = document.createElement("option");
      opt.value = n.name;
      names.appendChild(opt);
    });
    svg.setAttribute("data-node-count", String(circles.length));
    svg.setAttribute("data-edge-count", String(edgeGroups.length));

    function addLabel(i) {
      if (labels[i]) return labels[i];
      var n = nodes[i];
      var side = n.label || "n";
      var anchor = side === "e" ? "start" : side === "w" ? "end" : "middle";
      var t = el("text", { "class": "label", "text-anchor": anchor, "data-side": side }, gLabels);
      t.textContent = n.name.length > 40 ? n.name.slice(0, 39) + "…" : n.name;
      labels[i] = t;
      scaleLabel(t, n);
      return t;
    }

    // --- tooltip ---------------------------------------------------------
    function tip(ev, html) { tooltip.innerHTML = html; tooltip.hidden = false; moveTip(ev); }
    function moveTip(ev) { tooltip.style.left = (ev.clientX + 14) + "px"; tooltip.style.top = (ev.clientY + 12) + "px"; }
    function hideTip() { tooltip.hidden = true; }
    function edgeTip(e) {
      var k = data.kinds[e.kind] || { label: e.kind };
      return "<b>" + esc(nodes[e.s].name) + " – " + esc(nodes[e.t].name) + "</b><br>" + esc(k.label) +
        ", weight " + esc(e.weight) + (e.uncertain ? ", uncertain" : "");
    }

    // --- details panel ------------------------------------------------------
    function clearSelection() {
      selected = null;
      svg.classList.remove("focus");
      Array.prototype.forEach.call(svg.querySelectorAll(".near, .selected"), function (x) {
        x.classList.remove("near");
        x.classList.remove("selected");
      });
      // labels shown only for a selection go away with it
      Object.keys(labels).forEach(function (i) {
        if (labels[i].classList.contains("temp")) { labels[i].remove(); delete labels[i]; }
      });
    }

    function nearLabel(i) {
      var had = !!labels[i], t = addLabel(i);
      if (!had) t.classList.add("temp");
      t.classList.add("near");
    }

    function showNode(i) {
      clearSelection();
      selected = i;
      var n = nodes[i];
      svg.classList.add("focus");
      circles[i].classList.add("near", "selected");
      nearLabel(i);
      var partners = {};
      adjacency[i].forEach(function (j) {
        var e = edges[j], o = e.s === i ? e.t : e.s;
        edgeGroups[j].classList.add("near");
        circles[o].classList.add("near");
        nearLabel(o);
        partners[o] = (partners[o] || []).concat([(data.kinds[e.kind] || { label: e.kind }).label]);
      });
      var rows = [["kind", n.kind], ["group", n.group], ["role", n.role], ["district", n.district],
        ["AGS", n.ags], ["key", n.key], ["basis", n.basis], ["confidence", n.confidence]];
      var html = "<h3>" + esc(n.name) + "</h3><dl>";
      rows.forEach(function (r) { if (r[1] !== "" && r[1] != null) html += "<dt>" + r[0] + "</dt><dd>" + esc(r[1]) + "</dd>"; });
      html += "</dl>";
      if (n.meetings.length) {
        html += "<b>Meetings (" + n.meetings.length + ")</b><ul>";
        n.meetings.forEach(function (m) { html += "<li>" + esc(data.meetings[m[0]] || m[0]) + " <span class=muted>(" + esc(m[1]) + ")</span></li>"; });
        html += "</ul>";
      }
      var ids = Object.keys(partners).map(Number).sort(function (a, b) { return nodes[a].name.localeCompare(nodes[b].name); });
      if (ids.length) {
        html += "<b>Linked actors (" + ids.length + ")</b><ul>";
        ids.forEach(function (o) { html += "<li>" + esc(nodes[o].name) + " <span class=muted>(" + esc(partners[o].join(", ")) + ")</span></li>"; });
        html += "</ul>";
      }
      details.innerHTML = html;
    }

    function showEdge(j) {
      clearSelection();
      var e = edges[j], k = data.kinds[e.kind] || { label: e.kind };
      edgeGroups[j].classList.add("selected");
      var html = "<h3>" + esc(nodes[e.s].name) + " – " + esc(nodes[e.t].name) + "</h3><dl>" +
        "<dt>kind</dt><dd>" + esc(k.label) + "</dd><dt>weight</dt><dd>" + esc(e.weight) + "</dd>" +
        "<dt>basis</dt><dd>" + esc(e.basis) + "</dd><dt>confidence</dt><dd>" + esc(e.confidence) + "</dd>" +
        "<dt>uncertain</dt><dd>" + (e.uncertain ? "yes" : "no") + "</dd></dl>";
      if (e.meetings.length) {
        html += "<b>Meetings</b><ul>";
        e.meetings.forEach(function (m) { html += "<li>" + esc(data.meetings[m] || m) + "</li>"; });
        html += "</ul>";
      }
      html += "<b>Evidence</b>";
      if (e.evidence.length) e.evidence.forEach(function (s) { html += "<blockquote>" + esc(s) + "</blockquote>"; });
      else html += "<p class=muted>No sentence recorded.</p>";
      details.innerHTML = html;
    }

    // --- pan and zoom ---------------------------------------------------
    // Labels keep their screen size; they sit beside the node on the side chosen in Python.
    function scaleLabel(t, n) {
      var k = view.k, gap = n.r / Math.sqrt(k) + 4 / k, side = t.getAttribute("data-side");
      var x = n.x, y = n.y;
      if (side === "n") y -= gap;
      else if (side === "s") y += gap + 11 / k;
      else { x += side === "e" ? gap : -gap; y += 4 / k; }
      t.setAttribute("x", x.toFixed(2));
      t.setAttribute("y", y.toFixed(2));
      t.setAttribute("font-size", (12 / k).toFixed(3));
      t.setAttribute("stroke-width", (3 / k).toFixed(3));
    }

    function apply() {
      viewport.setAttribute("transform", "translate(" + view.x + " " + view.y + ") scale(" + view.k + ")");
      var s = Math.sqrt(view.k);
      circles.forEach(function (c, i) { c.setAttribute("r", (nodes[i].r / s).toFixed(3)); });
      Object.keys(labels).forEach(function (i) { scaleLabel(labels[i], nodes[i]); });
    }

    function toSvg(ev) {
      var pt = svg.createSVGPoint();
      pt.x = ev.clientX; pt.y = ev.clientY;
      var m = svg.getScreenCTM();
      return m ? pt.matrixTransform(m.inverse()) : { x: data.width / 2, y: data.height / 2 };
    }

    function zoomAt(p, factor) {
      var k = Math.min(40, Math.max(0.3, view.k * factor));
      factor = k / view.k;
      view.x = p.x - (p.x - view.x) * factor;
      view.y = p.y - (p.y - view.y) * factor;
      view.k = k;
      apply();
    }

    svg.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      zoomAt(toSvg(ev), Math.exp(-ev.deltaY * 0.0015));
    }, { passive: false });

    var drag = null;
    svg.addEventListener("pointerdown", function (ev) {
      if (ev.target !== svg) return;
      drag = { p: toSvg(ev), x: view.x, y: view.y, moved: false };
      svg.classList.add("dragging");
    });
    window.addEventListener("pointermove", function (ev) {
      if (!drag) return;
      var p = toSvg(ev);
      view.x = drag.x + p.x - drag.p.x;
      view.y = drag.y + p.y - drag.p.y;
      drag.moved = true;
      apply();
      // the viewport moved under the pointer: keep the drag anchored
      drag.p = p; drag.x = view.x; drag.y = view.y;
    });
    window.addEventListener("pointerup", function () {
      if (drag && !drag.moved) { clearSelection(); details.innerHTML = "<p class=muted>Click an actor or a link.</p>"; }
      drag = null;
      svg.classList.remove("dragging");
    });

    var centre = { x: data.width / 2, y: data.height / 2 };
    document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(centre, 1.4); });
    document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(centre, 1 / 1.4); });
    document.getElementById("zoom-reset").addEventListener("click", function () { view = { k: 1, x: 0, y: 0 }; apply(); });

    function focusNode(i) {
      var n = nodes[i], k = Math.max(view.k, 2.5);
      view = { k: k, x: data.width / 2 - n.x * k, y: data.height / 2 - n.y * k };
      apply();
      showNode(i);
    }

    document.getElementById("search").addEventListener("change", function (ev) {
      var q = ev.target.value.trim().toLowerCase();
      for (var i = 0; i < nodes.length; i++) {
        if (nodes[i].name.toLowerCase() === q) return focusNode(i);
      }
    });

    // --- edge-kind filters --------------------------------------------------
    Array.prototype.forEach.call(document.querySelectorAll("#edge-filter input[data-kind]"), function (box) {
      function sync() {
        edgeGroups.forEach(function (g) {
          if (g.getAttribute("data-kind") === box.getAttribute("data-kind")) g.classList.toggle("hidden", !box.checked);
        });
      }
      box.addEventListener("change", sync);
      sync();
    });
    apply();

    // Deep links: #actor=<id>, #edge=<index>, #hide=<kind>,<kind> (also used by the browser test).
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var p = kv.split("=");
      if (p[0]) params[decodeURIComponent(p[0])] = decodeURIComponent(p.slice(1).join("="));
    });
    if (params.hide) params.hide.split(",").forEach(function (kind) {
      var box = document.querySelector('#edge-filter input[data-kind="' + kind + '"]');
      if (box) { box.checked = false; box.dispatchEvent(new Event("change")); }
    });
    if (params.actor) nodes.forEach(function (n, i) { if (n.id === params.actor) focusNode(i); });
    if (params.edge && edges[+params.edge]) showEdge(+params.edge);
  }

  try {
    init();
  } catch (e) {
    report("init: " + (e && e.stack ? e.stack : e));
  }
})();
