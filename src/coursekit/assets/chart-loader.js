/* Draws the course's charts in the static site.
 *
 * A chart arrives as <figure class="course-chart"> holding its plotly JSON in <script type="application/json">.
 * plotly.js is fetched only after the page has loaded, and each chart is drawn as it nears the viewport, so the text
 * of a chapter appears at once even on a slow phone. The description and data table in the figure are plain HTML
 * and need none of this.
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
  var PROJECTOR_FONT = 22;

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
      .then(function (Plotly) { return Plotly.newPlot(target, s.data, s.layout, s.config); })
      .then(function () { figure.dataset.drawState = "drawn"; })
      .catch(function (error) {
        figure.dataset.drawState = "failed";
        target.setAttribute("role", "note");
        target.textContent = "The interactive chart could not be drawn (" + error.message +
          "). The description and the table below give its content.";
      });
    return figure._courseDrawn;
  }

  function figures() { return Array.prototype.slice.call(document.querySelectorAll("figure.course-chart")); }

  function setProjectorFonts(figure, on) {
    var target = figure.querySelector(".course-chart-plot");
    if (!window.Plotly || figure.dataset.drawState !== "drawn") return;
    var base = (spec(figure).layout.font && spec(figure).layout.font.size) || 14;
    window.Plotly.relayout(target, { "font.size": on ? PROJECTOR_FONT : base });
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
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: "300px 0px" });
    all.forEach(function (figure) { observer.observe(figure); });
    // Fetch plotly.js in the background once the page is idle, so a chart appears soon after it is scrolled to.
    var prefetch = function () { loadPlotly().catch(function () {}); };
    if ("requestIdleCallback" in window) window.requestIdleCallback(prefetch, { timeout: 3000 }); else setTimeout(prefetch, 1000);
  }

  window.courseCharts = { draw: draw, loadPlotly: loadPlotly };
  if (document.readyState === "complete") start(); else window.addEventListener("load", start);
})();
