// The event form's questions: add, remove and reorder them in the page. Each question is a
// formset form; its ORDER and DELETE fields carry the choice, so the page also works (with
// number fields and a "delete" box) where this script does not run.
(function () {
  for (const formset of document.querySelectorAll("[data-question-formset]")) {
    const prefix = formset.getAttribute("data-prefix");
    const list = formset.querySelector("[data-question-list]");
    const template = formset.querySelector("template[data-question-template]");
    const total = formset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const max = Number(formset.querySelector(`input[name="${prefix}-MAX_NUM_FORMS"]`).value);
    const add = formset.querySelector("[data-question-add]");

    function field(question, name) {
      return question.querySelector(`[name$="-${name}"]`);
    }

    function visible() {
      return Array.from(list.querySelectorAll("[data-question]")).filter((q) => !q.hidden);
    }

    function renumber() {
      visible().forEach((question, index) => {
        field(question, "ORDER").value = String(index + 1);
        question.querySelector("[data-question-number]").textContent = String(index + 1);
      });
      add.disabled = Number(total.value) >= max;
    }

    function showChoices(question) {
      const kind = field(question, "type").value;
      question.querySelector("[data-question-choices]").hidden = !(
        kind === "choice" || kind === "multiple"
      );
    }

    function enhance(question) {
      question.querySelector(".question-position").hidden = true;
      question.querySelector("[data-question-tools]").hidden = false;
      field(question, "type").addEventListener("change", () => showChoices(question));
      showChoices(question);
      question.querySelector("[data-question-up]").addEventListener("click", () => {
        const before = visible()[visible().indexOf(question) - 1];
        if (before) list.insertBefore(question, before);
        renumber();
      });
      question.querySelector("[data-question-down]").addEventListener("click", () => {
        const after = visible()[visible().indexOf(question) + 1];
        if (after) list.insertBefore(after, question);
        renumber();
      });
      question.querySelector("[data-question-remove]").addEventListener("click", () => {
        field(question, "DELETE").checked = true;
        question.hidden = true;
        renumber();
      });
    }

    add.addEventListener("click", () => {
      if (Number(total.value) >= max) return;
      const html = template.innerHTML.replace(/__prefix__/g, total.value);
      const holder = document.createElement("div");
      holder.innerHTML = html.trim();
      const question = holder.firstElementChild;
      list.append(question);
      total.value = String(Number(total.value) + 1);
      enhance(question);
      renumber();
      field(question, "label").focus();
    });

    // Questions marked for deletion before a refused save stay hidden.
    for (const question of list.querySelectorAll("[data-question]")) {
      if (field(question, "DELETE").checked) question.hidden = true;
      enhance(question);
    }
    add.hidden = false;
    renumber();
  }
})();
