// The need form's topic picker: a search box filters the topic checkboxes (names and synonyms
// in both languages), and "Suggest topics" ticks the topics the title and description name
// without leaving the page. Without this script the button asks the server instead.
(function () {
  for (const picker of document.querySelectorAll(".topic-picker[data-suggest-url]")) {
    const form = picker.closest("form");
    const search = picker.querySelector(".topic-search");
    const button = picker.querySelector(".topic-suggest");
    const status = picker.querySelector(".topic-status");
    const boxes = Array.from(picker.querySelectorAll('input[type="checkbox"]'));

    function filter() {
      const query = search.value.trim().toLowerCase();
      for (const box of boxes) {
        const row = box.closest("div") || box.parentElement;
        const text = `${box.getAttribute("data-terms") || ""} ${row.textContent.toLowerCase()}`;
        row.hidden = Boolean(query) && !box.checked && !text.includes(query);
      }
    }

    search.addEventListener("input", filter);
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault(); // searching never submits the form
    });

    button.addEventListener("click", async (event) => {
      event.preventDefault();
      const token = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
      const title = form.querySelector('[name="title"]').value;
      const description = form.querySelector('[name="description"]').value;
      button.setAttribute("aria-busy", "true");
      try {
        const response = await fetch(picker.getAttribute("data-suggest-url"), {
          method: "POST",
          credentials: "same-origin",
          headers: {
            "Content-Type": "application/json",
            Accept: "application/json",
            "X-CSRFToken": token,
          },
          body: JSON.stringify({ text: `${title}\n${description}` }),
        });
        if (!response.ok) {
          form.requestSubmit(button); // let the server answer instead
          return;
        }
        const body = await response.json();
        const ids = new Set(body.topics.map((topic) => String(topic.id)));
        for (const box of boxes) {
          if (ids.has(box.value)) box.checked = true;
        }
        search.value = "";
        filter();
        status.textContent = picker.getAttribute(
          ids.size ? "data-msg-found" : "data-msg-none",
        );
        picker.classList.toggle("has-suggestions", ids.size > 0);
      } finally {
        button.removeAttribute("aria-busy");
      }
    });
  }
})();
