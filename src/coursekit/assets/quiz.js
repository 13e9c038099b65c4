/* Course quizzes (coursekit.quiz): grading, feedback, score, and progress saved in this browser.
   Works on the static site and in JupyterLab; makes no network requests. Safe to load more than once. */
(function () {
  "use strict";
  var KEY = "coursekit.quiz.v1";

  // Live kernel: the first quiz output carries quiz.css inline. Copy it into <head> so the styles stay
  // when that output is cleared or re-run.
  var me = document.currentScript;
  var inlineStyle = me && me.parentNode && me.parentNode.querySelector &&
    me.parentNode.querySelector("style[data-coursekit-quiz]");
  if (inlineStyle && document.head && !document.head.querySelector("style[data-coursekit-quiz-head]")) {
    var copy = document.createElement("style");
    copy.setAttribute("data-coursekit-quiz-head", "");
    copy.textContent = inlineStyle.textContent;
    document.head.appendChild(copy);
  }
  if (window.courseQuiz) { window.courseQuiz.init(); return; }

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  // ---- storage: every access may throw (file://, private windows, disabled storage); quizzes work anyway.
  function storage() {
    try {
      var s = window.localStorage, probe = KEY + ".probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) { return null; }
  }
  function readAll() {
    var s = storage();
    try {
      var data = s && JSON.parse(s.getItem(KEY) || "{}");
      return data && typeof data === "object" && !Array.isArray(data) ? data : {};
    } catch (e) { return {}; }
  }
  function save(chapter, qid, record) {
    var s = storage();
    if (!s) return;
    var data = readAll();
    if (!data[chapter] || typeof data[chapter] !== "object") data[chapter] = {};
    if (record) data[chapter][qid] = record; else delete data[chapter][qid];
    try { s.setItem(KEY, JSON.stringify(data)); } catch (e) { /* full or blocked: keep going */ }
  }

  // ---- answers
  function type(q) { return q.getAttribute("data-type"); }
  function inputs(q) { return q.querySelectorAll("fieldset input, fieldset select"); }

  function readAnswer(q) {
    var t = type(q), checked = q.querySelectorAll("fieldset input:checked");
    if (t === "single") return checked.length ? Number(checked[0].value) : null;
    if (t === "truefalse") return checked.length ? checked[0].value === "true" : null;
    if (t === "multiple") {
      var chosen = [];
      each(checked, function (i) { chosen.push(Number(i.value)); });
      return chosen.length ? chosen : null;
    }
    if (t === "numeric") {
      var raw = q.querySelector("fieldset input").value.trim();
      return raw !== "" && isFinite(Number(raw)) ? Number(raw) : null;
    }
    var order = []; // ordering: order[position] = correct rank of the item placed there
    each(q.querySelectorAll(".cq-order li"), function (li) {
      order[Number(li.querySelector("select").value) - 1] = Number(li.getAttribute("data-rank"));
    });
    return order;
  }

  // Put a stored answer back into the inputs; false if it does not fit this question any more.
  function setAnswer(q, a) {
    var t = type(q), all = inputs(q), ok = false;
    if (t === "numeric") {
      if (typeof a !== "number") return false;
      all[0].value = String(a);
      return true;
    }
    if (t === "ordering") {
      if (!Array.isArray(a) || a.length !== all.length) return false;
      each(q.querySelectorAll(".cq-order li"), function (li) {
        var sel = li.querySelector("select");
        sel.value = String(a.indexOf(Number(li.getAttribute("data-rank"))) + 1);
        sel.setAttribute("data-pos", sel.value);
      });
      return true;
    }
    var wanted = Array.isArray(a) ? a.map(String) : [String(a)];
    each(all, function (i) { i.checked = wanted.indexOf(i.value) >= 0; ok = ok || i.checked; });
    return ok;
  }

  function numbersOf(text) { return text ? text.split(" ").map(Number) : []; }

  function grade(q, a) {
    var t = type(q), answer = q.getAttribute("data-answer");
    if (t === "single" || t === "truefalse") return String(a) === answer;
    if (t === "multiple") return a.slice().sort(function (x, y) { return x - y; }).join(" ") === answer;
    if (t === "numeric") {
      return Math.abs(a - Number(answer)) <= Number(q.getAttribute("data-tolerance")) + 1e-9;
    }
    return a.every(function (rank, position) { return rank === position; });
  }

  function verdict(q, a, right) {
    if (right) return "Correct.";
    var t = type(q), answer = numbersOf(q.getAttribute("data-answer"));
    if (t === "multiple") {
      var wrong = a.filter(function (i) { return answer.indexOf(i) < 0; }).length;
      var missed = answer.filter(function (i) { return a.indexOf(i) < 0; }).length;
      var parts = [];
      if (wrong) parts.push(wrong + (wrong > 1 ? " of your choices are" : " of your choices is") + " not correct");
      if (missed) parts.push(missed + (missed > 1 ? " correct choices are" : " correct choice is") + " missing");
      return "Not quite: " + parts.join(", and ") + ".";
    }
    if (t === "numeric") return "Not quite: " + a + " is too " + (a > answer[0] ? "high." : "low.");
    if (t === "ordering") {
      var placed = a.filter(function (rank, position) { return rank === position; }).length;
      return "Not quite: items in the right place: " + placed + " of " + a.length + ".";
    }
    return "Not quite.";
  }

  // ---- feedback: verdict, then copies of the explanations already in the page's "Show answer" block
  function message(q, text, cls) {
    var box = q.querySelector(".cq-feedback");
    box.textContent = "";
    var p = el("p", "cq-verdict " + (cls || ""));
    if (cls) {
      var icon = p.appendChild(el("span", "cq-icon", cls === "cq-right" ? "\u2713 " : "\u2717 "));
      icon.setAttribute("aria-hidden", "true"); // the words say it; the mark is for sighted readers
    }
    p.appendChild(document.createTextNode(text));
    box.appendChild(p);
    return box;
  }

  function showFeedback(q, a, right) {
    var box = message(q, verdict(q, a, right), right ? "cq-right" : "cq-wrong");
    var block = q.querySelector(".cq-answer");
    var t = type(q);
    if (t === "single" || t === "multiple") {
      var list = el("ul", "cq-notes");
      (Array.isArray(a) ? a : [a]).forEach(function (i) {
        var note = block.querySelector('.cq-notes li[data-choice="' + i + '"]');
        if (note) list.appendChild(note.cloneNode(true));
      });
      if (list.children.length) box.appendChild(list);
    }
    var extra = [".cq-explanation"];
    if (!right) extra.push(".cq-section");
    extra.forEach(function (selector) {
      var node = block.querySelector(selector);
      if (node) box.appendChild(node.cloneNode(true));
    });
  }

  function lock(q, on) {
    each(inputs(q), function (i) { i.disabled = on; });
    q.querySelector(".cq-check").hidden = on;
    q.querySelector(".cq-retry").hidden = !on;
    if (on) q.querySelector(".cq-answer").hidden = false;
  }

  function score(section) {
    var all = section.querySelectorAll(".cq-question");
    var right = section.querySelectorAll('.cq-question[data-result="right"]').length;
    var answered = section.querySelectorAll(".cq-question[data-result]").length;
    var line = section.querySelector(".cq-score");
    line.textContent = "Score: " + right + " of " + all.length + " correct" +
      (answered > right ? " (" + answered + " answered)." : ".");
    line.hidden = false;
  }

  function check(section, q, restoring) {
    var a = readAnswer(q);
    if (a === null) {
      message(q, type(q) === "numeric" ? "Enter a number first." : "Choose an answer first.");
      return;
    }
    var right = grade(q, a);
    q.setAttribute("data-result", right ? "right" : "wrong");
    showFeedback(q, a, right);
    lock(q, true);
    score(section);
    if (!restoring) {
      save(section.getAttribute("data-chapter"), q.getAttribute("data-qid"),
        { correct: right, answer: a, time: new Date().toISOString() });
      q.querySelector(".cq-retry").focus();
    }
  }

  function retry(section, q) {
    lock(q, false);
    q.removeAttribute("data-result");
    q.querySelector(".cq-feedback").textContent = "";
    each(inputs(q), function (i, n) {
      if (i.tagName === "SELECT") { i.value = String(n + 1); i.setAttribute("data-pos", i.value); }
      else if (i.type === "number") i.value = "";
      else i.checked = false;
    });
    save(section.getAttribute("data-chapter"), q.getAttribute("data-qid"), null);
    score(section);
    inputs(q)[0].focus();
  }

  // Ordering: choosing a position swaps with the item that held it, so every position stays used once.
  function reorder(q, sel) {
    var old = sel.getAttribute("data-pos");
    each(q.querySelectorAll(".cq-order select"), function (other) {
      if (other !== sel && other.value === sel.value) { other.value = old; other.setAttribute("data-pos", old); }
    });
    sel.setAttribute("data-pos", sel.value);
  }

  function initQuiz(section) {
    section.setAttribute("data-ready", "true");
    var help = section.querySelector(".cq-help");
    if (help) help.textContent = help.getAttribute("data-js-text");
    if (!storage()) section.querySelector(".cq-storage-note").hidden = false;
    var saved = readAll()[section.getAttribute("data-chapter")] || {};
    each(section.querySelectorAll(".cq-question"), function (q) {
      q.querySelector(".cq-actions").hidden = false;
      q.querySelector(".cq-answer").hidden = true; // revealed after the first check, so learners try first
      q.querySelector(".cq-check").addEventListener("click", function () { check(section, q, false); });
      q.querySelector(".cq-retry").addEventListener("click", function () { retry(section, q); });
      each(q.querySelectorAll(".cq-order select"), function (sel) {
        sel.setAttribute("data-pos", sel.value);
        sel.addEventListener("change", function () { reorder(q, sel); });
      });
      var number = q.querySelector('input[type="number"]');
      if (number) {
        number.addEventListener("keydown", function (event) {
          if (event.key === "Enter") { event.preventDefault(); check(section, q, false); }
        });
      }
      var record = saved[q.getAttribute("data-qid")];
      if (record && typeof record === "object" && setAnswer(q, record.answer)) check(section, q, true);
    });
    score(section);
  }

  // ---- the "My progress" page
  function fillProgress(section) {
    var data = readAll(), sums = [0, 0, 0];
    each(section.querySelectorAll("tbody tr"), function (row) {
      var saved = data[row.getAttribute("data-chapter")] || {};
      var ids = row.getAttribute("data-questions").split(" ");
      var answered = 0, right = 0;
      ids.forEach(function (id) {
        var r = saved[id];
        if (r && typeof r === "object") { answered += 1; if (r.correct === true) right += 1; }
      });
      row.querySelector(".cq-answered").textContent = String(answered);
      row.querySelector(".cq-correct").textContent = right + " of " + ids.length;
      sums[0] += ids.length; sums[1] += answered; sums[2] += right;
    });
    var foot = section.querySelector("tfoot");
    foot.querySelector(".cq-answered").textContent = String(sums[1]);
    foot.querySelector(".cq-correct").textContent = sums[2] + " of " + sums[0];
  }

  function initProgress(section) {
    section.setAttribute("data-ready", "true");
    var help = section.querySelector(".cq-help");
    if (help) help.textContent = help.getAttribute("data-js-text");
    var reset = section.querySelector(".cq-reset"), status = section.querySelector(".cq-reset-status");
    if (storage()) reset.hidden = false; else section.querySelector(".cq-storage-note").hidden = false;
    reset.addEventListener("click", function () {
      if (!window.confirm("Remove all your saved quiz answers from this browser? This cannot be undone.")) return;
      try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
      fillProgress(section);
      status.textContent = "Your progress has been reset.";
    });
    fillProgress(section);
  }

  function init() {
    each(document.querySelectorAll("section.course-quiz:not([data-ready])"), initQuiz);
    each(document.querySelectorAll("section.course-progress:not([data-ready])"), initProgress);
  }
  function refresh() { each(document.querySelectorAll("section.course-progress[data-ready]"), fillProgress); }

  window.courseQuiz = { init: init, storageKey: KEY };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  // Quizzes added later (JupyterLab outputs) are set up as soon as they appear in the page.
  var pending = false;
  if (window.MutationObserver) {
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      setTimeout(function () { pending = false; init(); }, 0);
    }).observe(document.documentElement, { childList: true, subtree: true });
  }
  window.addEventListener("pageshow", refresh); // back/forward cache may show an old table
  window.addEventListener("storage", function (event) { if (event.key === KEY || event.key === null) refresh(); });
})();
