// storyline serve: a little plain JavaScript (no framework, no build step).
// - Article pages: clicking an entity (or its button in the panel) highlights all its mentions
//   (class "highlight") and dims the others (the body gets class "focusing"); again clears.
// - Filters: a select with data-autosubmit submits its form on change; an input with
//   data-filter-list="ID" hides the items of list ID that do not contain its text.
"use strict";

function focusEntity(body, entity) {
  const same = body.dataset.focus === entity;
  body.dataset.focus = same ? "" : entity;
  body.classList.toggle("focusing", !same);
  for (const mention of body.querySelectorAll(".mention")) {
    mention.classList.toggle("highlight", !same && mention.dataset.entity === entity);
  }
  for (const button of document.querySelectorAll(".focus-entity")) {
    button.setAttribute("aria-pressed", String(!same && button.dataset.entity === entity));
  }
}

function setUpArticle() {
  const body = document.getElementById("article-body");
  if (!body) return;
  body.addEventListener("click", (event) => {
    const mention = event.target.closest(".mention");
    if (mention) focusEntity(body, mention.dataset.entity);
  });
  body.addEventListener("keydown", (event) => {
    const mention = event.target.closest(".mention");
    if (mention && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      focusEntity(body, mention.dataset.entity);
    }
  });
  for (const button of document.querySelectorAll(".focus-entity")) {
    button.addEventListener("click", () => focusEntity(body, button.dataset.entity));
  }
}

function setUpFilters() {
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }
  for (const input of document.querySelectorAll("input[data-filter-list]")) {
    const list = document.getElementById(input.dataset.filterList);
    if (!list) continue;
    input.addEventListener("input", () => {
      const words = input.value.trim().toLowerCase();
      for (const item of list.children) {
        item.classList.toggle("hidden-by-filter",
                              words !== "" && !item.textContent.toLowerCase().includes(words));
      }
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setUpArticle();
  setUpFilters();
});
