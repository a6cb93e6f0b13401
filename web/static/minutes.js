// 召开: keeps the quorum line (应到N人，实到N人，达到/未达到三分之二) in step
// with the 出席/请假 choices while the organiser fills the form. The form works
// without it; the server computes the same line on save.
(function () {
  "use strict";
  var line = document.getElementById("quorum-line");
  var form = document.getElementById("minutes-form");
  if (!line || !form) {
    return;
  }
  function update() {
    var expected = parseInt(line.getAttribute("data-expected"), 10) || 0;
    var present = 0;
    var radios = form.querySelectorAll("input.attend-status:checked");
    for (var i = 0; i < radios.length; i++) {
      if (radios[i].value === "present") {
        present++;
      }
    }
    var ok = expected > 0 && present * 3 >= expected * 2;
    line.textContent = "应到" + expected + "人，实到" + present + "人，" + (ok ? "达到" : "未达到") + "应到人数的三分之二";
    line.className = ok ? "quorum-ok" : "quorum-short";
  }
  form.addEventListener("change", function (e) {
    if (e.target.classList && e.target.classList.contains("attend-status")) {
      update();
    }
  });
})();
