// Small progressive enhancements; every page works without them.
document.documentElement.classList.add("js");
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit")) {
    target.form.submit();
  }
});

// The header's menu on a phone: one button opens and closes it (CSS shows the button only on
// narrow screens and only once this script runs); Escape closes it and returns to the button.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".menu-toggle");
  if (!toggle) {
    return;
  }
  const setOpen = (open) => toggle.setAttribute("aria-expanded", open ? "true" : "false");
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
});
