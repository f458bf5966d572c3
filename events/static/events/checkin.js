// Keeps the check-in counters of an organizer page current by polling a small JSON endpoint.
(function () {
  const box = document.querySelector("[data-counts-url]");
  if (!box) return;
  const url = box.getAttribute("data-counts-url");
  async function refresh() {
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const counts = await response.json();
      for (const [name, value] of Object.entries(counts)) {
        const element = box.querySelector(`[data-count="${name}"]`);
        if (element) element.textContent = String(value);
      }
    } catch (error) {
      // Offline for a moment at the door: try again on the next tick.
    }
  }
  setInterval(refresh, 5000);
})();
