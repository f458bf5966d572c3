// The session form's speaker picker: search the host's experts and tick the ones chosen.
(function () {
  for (const picker of document.querySelectorAll(".speaker-picker[data-search-url]")) {
    const url = picker.getAttribute("data-search-url");
    const name = picker.getAttribute("data-name");
    const input = picker.querySelector(".speaker-search");
    const chosen = picker.querySelector(".speaker-choices");
    const results = picker.querySelector(".speaker-results");
    let timer = null;

    function label(expert) {
      return expert.institution ? `${expert.name} · ${expert.institution}` : expert.name;
    }

    function choose(expert) {
      if (chosen.querySelector(`input[value="${expert.id}"]`)) return;
      const item = document.createElement("li");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = name;
      box.value = String(expert.id);
      box.checked = true;
      const text = document.createElement("label");
      text.append(box, " ", label(expert));
      item.append(text);
      chosen.append(item);
    }

    async function search() {
      const query = input.value.trim();
      results.replaceChildren();
      if (!query) return;
      try {
        const response = await fetch(`${url}?q=${encodeURIComponent(query)}`, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (!response.ok) return;
        const body = await response.json();
        for (const expert of body.results) {
          const item = document.createElement("li");
          const button = document.createElement("button");
          button.type = "button";
          button.className = "secondary outline";
          button.textContent = label(expert);
          button.addEventListener("click", () => choose(expert));
          item.append(button);
          results.append(item);
        }
      } catch (error) {
        // The network dropped: the next keystroke tries again.
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
  }
})();
