// Sends a star vote without leaving the page and updates the rating block in place.
// Without this script the same form posts and the server redirects back: both must work.
(function () {
  "use strict";

  function setUp(block) {
    var form = block.querySelector("[data-rating-form]");
    if (!form || form.dataset.ratingReady) {
      return;
    }
    // The page may include the block more than once; each form is wired once.
    form.dataset.ratingReady = "1";
    var summary = block.querySelector("[data-rating-summary]");
    var message = block.querySelector("[data-rating-message]");

    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !button.value || !window.fetch) {
        return; // an old browser: let the form post as it would without JavaScript
      }
      event.preventDefault();
      var data = new FormData(form);
      data.set("score", button.value);
      var token = form.querySelector("[name=csrfmiddlewaretoken]");
      var buttons = form.querySelectorAll("button");
      buttons.forEach(function (b) { b.disabled = true; });
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: {
          "Accept": "application/json",
          "X-Requested-With": "XMLHttpRequest",
          "X-CSRFToken": token ? token.value : ""
        }
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (result) {
          if (summary && result.summary) {
            summary.textContent = result.summary;
          }
          message.textContent = result.message;
          message.className = "rating__message rating__message--" + (result.ok ? "ok" : "error");
          if (result.ok) {
            form.classList.add("rating__form--done");
          } else {
            buttons.forEach(function (b) { b.disabled = false; });
          }
        })
        .catch(function () {
          // No JSON came back (a CSRF page, a proxy error): the plain form says what happened.
          var score = document.createElement("input");
          score.type = "hidden";
          score.name = "score";
          score.value = button.value;
          form.appendChild(score);
          form.submit();
        });
    });
  }

  document.querySelectorAll("[data-rating]").forEach(setUp);
})();
