/* jixiao: upload progress, live target parsing, indicator row add / remove / reorder. */
(function () {
  "use strict";

  function cookie(name) {
    var m = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return m ? decodeURIComponent(m[1]) : "";
  }

  /* Upload with a progress bar (XHR upload events); falls back to a normal post. */
  function initUpload() {
    var form = document.getElementById("upload-form");
    if (!form || !window.FormData) return;
    var bar = document.getElementById("upload-progress");
    var status = document.getElementById("upload-status");
    var text = document.getElementById("upload-i18n").dataset;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.setRequestHeader("X-CSRFToken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      bar.hidden = false;
      status.textContent = text.uploading;
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          bar.value = Math.round((e.loaded / e.total) * 100);
          if (e.loaded === e.total) status.textContent = text.reading;
        }
      });
      xhr.addEventListener("load", function () {
        var data = {};
        try { data = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
        if (xhr.status === 200 && data.redirect) {
          bar.value = 100;
          window.location.href = data.redirect;
        } else {
          status.textContent = (data.errors && data.errors.join(" ")) || text.failed;
          bar.hidden = true;
        }
      });
      xhr.addEventListener("error", function () { status.textContent = text.failed; bar.hidden = true; });
      xhr.send(new FormData(form));
    });
  }

  /* The target field shows how the grammar reads it, as the user types. */
  function initTargets() {
    var info = document.getElementById("i18n");
    if (!info) return;
    var t = info.dataset;
    var timers = new WeakMap();
    function hintFor(input) {
      var cell = input.parentNode;
      var out = cell.querySelector(".parsed-hint");
      if (!out) { out = document.createElement("output"); out.className = "parsed-hint"; cell.appendChild(out); }
      return out;
    }
    function show(input, target) {
      var out = hintFor(input);
      out.classList.toggle("q", target.kind !== "quantitative" && target.kind !== "range");
      if (target.kind === "quantitative") {
        out.textContent = t.parsed + ": " + (target.symbol ? target.symbol + " " : "") + target.value + (target.unit || "");
      } else if (target.kind === "range") {
        out.textContent = t.range + ": " + target.low + " – " + target.high + (target.unit || "");
      } else if (target.kind === "qualitative") {
        out.textContent = t.qualitative;
      } else {
        out.textContent = t.none;
      }
    }
    function parse(input) {
      fetch(t.api + "?raw=" + encodeURIComponent(input.value), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) { if (data.ok) show(input, data.target); })
        .catch(function () { /* keep the last hint */ });
    }
    document.addEventListener("input", function (ev) {
      var input = ev.target;
      if (!input.matches || !input.matches("[data-target]")) return;
      clearTimeout(timers.get(input));
      timers.set(input, setTimeout(function () { parse(input); }, 200));
    });
    document.querySelectorAll("[name=annual][data-target]").forEach(parse);
  }

  /* Add, remove and reorder indicator rows; the posted order is the saved order. */
  function initRows() {
    var table = document.getElementById("rows");
    var tpl = document.getElementById("row-template");
    if (!table || !tpl) return;
    var body = table.tBodies[0];
    document.addEventListener("click", function (ev) {
      var btn = ev.target.closest ? ev.target.closest("button") : null;
      if (!btn) return;
      var row = btn.closest("tr.edit-row");
      if (btn.hasAttribute("data-add-row")) {
        body.appendChild(tpl.content.cloneNode(true));
        var rows = body.querySelectorAll("tr.edit-row");
        var last = rows[rows.length - 1];
        var prev = rows[rows.length - 2];
        if (prev) {
          last.querySelector("[name=level1]").value = prev.querySelector("[name=level1]").value;
          last.querySelector("[name=level2]").value = prev.querySelector("[name=level2]").value;
        }
        last.querySelector("[name=name]").focus();
      } else if (row && btn.hasAttribute("data-remove")) {
        row.parentNode.removeChild(row);
      } else if (row && btn.hasAttribute("data-move")) {
        if (btn.getAttribute("data-move") === "-1" && row.previousElementSibling) {
          body.insertBefore(row, row.previousElementSibling);
        } else if (btn.getAttribute("data-move") === "1" && row.nextElementSibling) {
          body.insertBefore(row.nextElementSibling, row);
        }
        btn.focus();
      }
    });
  }

  /* The browser's own file button speaks the browser's language ("Choose File"); show a
     button and the chosen name in the page's language instead, the input kept for forms. */
  function initFileInputs() {
    var texts = document.body.dataset;
    document.querySelectorAll("input[type=file]").forEach(function (input) {
      if (input.dataset.enhanced) return;
      input.dataset.enhanced = "1";
      input.classList.add("file-native");
      var button = document.createElement("button");
      button.type = "button"; button.className = "file-choose"; button.textContent = texts.chooseFile;
      var name = document.createElement("span");
      name.className = "file-name muted"; name.textContent = texts.noFile;
      button.addEventListener("click", function () { input.click(); });
      input.addEventListener("change", function () {
        name.textContent = input.files && input.files.length ? input.files[0].name : texts.noFile;
      });
      input.insertAdjacentElement("afterend", name);
      input.insertAdjacentElement("afterend", button);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    initFileInputs();
    initUpload();
    initTargets();
    initRows();
  });
})();

/* Self-evaluation: scores, total and grade follow the values as they are typed. */
(function () {
  "use strict";
  function init() {
    var form = document.getElementById("eval-form");
    if (!form || !window.fetch) return;
    var url = form.dataset.scoreUrl;
    var timer = null;
    function text(v) { return v === null || v === undefined ? "—" : v; }
    var lightNames = JSON.parse(form.dataset.lights || "{}");
    function setLight(el, light) {
      el.className = "light l-" + (light || "none");
      el.textContent = lightNames[light] || "—";
    }
    function apply(data) {
      Object.keys(data.rows).forEach(function (pk) {
        var tr = form.querySelector("tr[data-row='" + pk + "']");
        if (!tr) return;
        var r = data.rows[pk];
        var score = tr.querySelector("[data-score]");
        if (score) score.textContent = text(r.score);
        var weight = tr.querySelector("[data-weight]");
        if (weight) weight.textContent = text(r.weight);
        var light = tr.querySelector("[data-light]");
        if (light) setLight(light, r.light);
        tr.querySelector("[data-explain]").textContent = r.explanation || "—";
        tr.querySelector("td.score").classList.add("updated");
      });
      var grade = document.getElementById("grade");
      if (grade) {
        document.getElementById("total").textContent = text(data.total);
        grade.textContent = data.grade || "—";
        grade.className = "grade g-" + (data.grade || "none");
      } else {
        document.getElementById("total").textContent = data.budget.score ? data.budget.score + "%" : "—";
        setLight(document.getElementById("budget-light"), data.budget.light);
      }
      var complete = document.getElementById("complete");
      complete.textContent = data.complete ? complete.dataset.yes : complete.dataset.no;
      document.getElementById("budget-rate").textContent = data.budget.rate ? data.budget.rate + "%" : "—";
      var budgetScore = document.getElementById("budget-score");
      if (budgetScore) budgetScore.textContent = text(data.budget.score);
      document.getElementById("budget-explain").textContent = data.budget.explanation || "";
      Object.keys(data.funding || {}).forEach(function (source) {
        var cell = form.querySelector("tr[data-source='" + source + "'] [data-funding-rate]");
        if (cell) cell.textContent = data.funding[source] ? data.funding[source] + "%" : "—";
      });
      showProblems(data.problems);
    }
    function showProblems(problems) {
      var list = document.getElementById("score-problems");
      list.innerHTML = "";
      problems.forEach(function (p) {
        var li = document.createElement("li"); li.className = "sev-warning"; li.textContent = p; list.appendChild(li);
      });
    }
    function score() {
      fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin",
                   headers: { "X-Requested-With": "XMLHttpRequest" } })
        .then(function (r) { return r.json(); })
        .then(function (data) { if (data.ok) apply(data); else showProblems(data.errors || []); })
        .catch(function () { /* keep the last scores */ });
    }
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(score, 250); });
    form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(score, 50); });
  }
  document.addEventListener("DOMContentLoaded", init);
})();

/* Forms that remove or disable something ask first (data-confirm holds the question). */
document.addEventListener("submit", function (event) {
  var question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
