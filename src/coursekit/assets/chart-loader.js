/* Draws the course's charts in the static site.
 *
 * A chart arrives as <figure class="course-chart"> holding its plotly JSON in <script type="application/json">.
 * plotly.js is fetched only after the page has loaded, and each chart is drawn as it nears the viewport, so the text
 * of a chapter appears at once even on a slow phone. The description and data table in the figure are plain HTML
 * and need none of this.
 *
 * Timing: each chart records when it first became visible and when it finished drawing (performance marks
 * "course-chart-visible:<id>" and "course-chart-drawn:<id>", and window.courseCharts.timings), which the benchmark
 * reads to report the time from scrolling a chart into view to seeing it drawn.
 *
 * Classroom mode: every chart has a "Full screen" button; in full screen the fonts grow for a projector, and
 * "Previous chart" / "Next chart" (or the keys P and N) step through the chapter's charts without the prose.
 */
(function () {
  "use strict";
  if (window.courseCharts) return;
  var scriptUrl = document.currentScript && document.currentScript.src;
  var plotlyUrl = new URL("plotly.min.js", scriptUrl || window.location.href).href;
  var plotlyPromise = null;
  // Classroom mode: the sizes every text of a chart takes on a projector (the course template sets each one).
  var PROJECTOR_FONTS = {
    "font.size": 22, "legend.font.size": 20, "hoverlabel.font.size": 20,
    "xaxis.tickfont.size": 20, "yaxis.tickfont.size": 20, "xaxis.title.font.size": 22, "yaxis.title.font.size": 22,
  };
  var timings = {};
  var ENGAGE = ["scroll", "keydown", "touchstart", "wheel"];

  function mark(kind, figure) {
    var id = figure.id || "chart";
    var entry = timings[id] || (timings[id] = { id: id, visible: null, drawn: null });
    if (entry[kind] !== null) return;
    entry[kind] = performance.now();
    if (performance.mark) performance.mark("course-chart-" + kind + ":" + id);
  }

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyPromise) {
      plotlyPromise = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = plotlyUrl;
        tag.async = true;
        tag.onload = function () { resolve(window.Plotly); };
        tag.onerror = function () { reject(new Error("plotly.js could not be loaded")); };
        document.head.appendChild(tag);
      });
    }
    return plotlyPromise;
  }

  function spec(figure) {
    if (!figure._courseSpec) {
      figure._courseSpec = JSON.parse(figure.querySelector("script.course-chart-spec").textContent);
    }
    return figure._courseSpec;
  }

  function draw(figure) {
    if (figure.dataset.drawState) return figure._courseDrawn;
    figure.dataset.drawState = "drawing";
    var target = figure.querySelector(".course-chart-plot");
    var s = spec(figure);
    figure._courseDrawn = loadPlotly()
      .then(function (Plotly) {
        // Drawn, the chart holds plotly's buttons: an image role may not contain controls, a named group may.
        if (target.getAttribute("role") === "img") target.setAttribute("role", "group");
        return Plotly.newPlot(target, s.data, s.layout, s.config);
      })
      .then(function () { figure.dataset.drawState = "drawn"; mark("drawn", figure); })
      .catch(function (error) {
        figure.dataset.drawState = "failed";
        target.setAttribute("role", "note");
        target.textContent = "The interactive chart could not be drawn (" + error.message +
          "). The description and the table below give its content.";
      });
    return figure._courseDrawn;
  }

  function figures() { return Array.prototype.slice.call(document.querySelectorAll("figure.course-chart")); }

  function layoutValue(layout, path) {
    return path.split(".").reduce(function (node, key) { return node && node[key]; }, layout);
  }

  function setProjectorFonts(figure, on) {
    var target = figure.querySelector(".course-chart-plot");
    if (!window.Plotly || figure.dataset.drawState !== "drawn") return;
    var update = {};
    Object.keys(PROJECTOR_FONTS).forEach(function (path) {
      // Back from full screen, each size returns to the chart's own (null: the template's).
      update[path] = on ? PROJECTOR_FONTS[path] : (layoutValue(spec(figure).layout, path) || null);
    });
    window.Plotly.relayout(target, update);
  }

  function step(current, offset) {
    var all = figures();
    var next = all[all.indexOf(current) + offset];
    if (!next) return;
    draw(next);
    next.requestFullscreen().catch(function () {});
  }

  function addClassroomControls(figure) {
    if (!document.fullscreenEnabled || figure.querySelector(".course-chart-tools")) return;
    var bar = document.createElement("div");
    bar.className = "course-chart-tools";
    function button(label, onClick, className) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = className;
      b.textContent = label;
      b.addEventListener("click", onClick);
      bar.appendChild(b);
      return b;
    }
    button("Previous chart", function () { step(figure, -1); }, "course-chart-prev");
    button("Next chart", function () { step(figure, 1); }, "course-chart-next");
    var toggle = button("Full screen", function () {
      if (document.fullscreenElement === figure) document.exitFullscreen();
      else draw(figure).then(function () { return figure.requestFullscreen(); }).catch(function () {});
    }, "course-chart-fullscreen");
    toggle.setAttribute("aria-pressed", "false");
    figure.insertBefore(bar, figure.firstChild);
  }

  document.addEventListener("fullscreenchange", function () {
    figures().forEach(function (figure) {
      var on = document.fullscreenElement === figure;
      var toggle = figure.querySelector(".course-chart-fullscreen");
      if (toggle) {
        toggle.textContent = on ? "Exit full screen" : "Full screen";
        toggle.setAttribute("aria-pressed", on ? "true" : "false");
      }
      setProjectorFonts(figure, on);
      if (window.Plotly && figure.dataset.drawState === "drawn") {
        window.Plotly.Plots.resize(figure.querySelector(".course-chart-plot"));
      }
    });
  });
  // Printing (or saving as PDF): draw every chart first, so none is missing from the paper copy.
  window.addEventListener("beforeprint", function () { figures().forEach(draw); });
  document.addEventListener("keydown", function (event) {
    var current = document.fullscreenElement;
    if (!current || !current.classList.contains("course-chart")) return;
    if (event.key === "n" || event.key === "N") step(current, 1);
    if (event.key === "p" || event.key === "P") step(current, -1);
  });

  function start() {
    var all = figures();
    if (!all.length) return;
    all.forEach(addClassroomControls);
    if (!("IntersectionObserver" in window)) { all.forEach(draw); return; }
    // Until the reader scrolls, only a chart at least a quarter in view is drawn: drawing earlier would block the
    // page's first seconds. Once the reader scrolls (or uses the keyboard), plotly.js is started and each chart is
    // drawn as it comes within 300 px of the screen, so it is usually ready by the time it is in view.
    var observer = null;
    function watch(options, ready) {
      if (observer) observer.disconnect();
      observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (ready(entry)) { observer.unobserve(entry.target); draw(entry.target); }
        });
      }, options);
      all.forEach(function (figure) { if (!figure.dataset.drawState) observer.observe(figure); });
    }
    watch({ threshold: 0.25 }, function (entry) { return entry.isIntersecting && entry.intersectionRatio >= 0.24; });
    var engaged = false;
    function onEngage() {
      if (engaged) return;
      engaged = true;
      ENGAGE.forEach(function (type) { window.removeEventListener(type, onEngage); });
      loadPlotly().catch(function () {});
      watch({ rootMargin: "300px 0px" }, function (entry) { return entry.isIntersecting; });
    }
    // Not in the capture phase: the theme scrolls its sidebar on load, and that is not the reader scrolling.
    ENGAGE.forEach(function (type) { window.addEventListener(type, onEngage, { passive: true }); });
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { seen.unobserve(entry.target); mark("visible", entry.target.closest("figure.course-chart")); }
      });
    });
    all.forEach(function (figure) { seen.observe(figure.querySelector(".course-chart-plot") || figure); });
    // Download plotly.js in the background once the page is idle, without running it (running it costs a phone about
    // a second of main thread): a chart then appears soon after it is scrolled to. Browsers without prefetch
    // (Safari) fetch it when the first chart comes into view.
    var prefetch = function () {
      if (window.Plotly || plotlyPromise) return;
      var link = document.createElement("link");
      link.rel = "prefetch";
      link.as = "script";
      link.href = plotlyUrl;
      document.head.appendChild(link);
    };
    if ("requestIdleCallback" in window) window.requestIdleCallback(prefetch, { timeout: 3000 }); else setTimeout(prefetch, 1000);
  }

  window.courseCharts = {
    draw: draw,
    loadPlotly: loadPlotly,
    timings: function () { return Object.keys(timings).map(function (k) { return timings[k]; }); },
  };
  if (document.readyState === "complete") start(); else window.addEventListener("load", start);
})();
