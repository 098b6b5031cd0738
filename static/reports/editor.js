// Figure picker of the report editor: insert a placeholder at the cursor of the last text box used.
document.addEventListener("DOMContentLoaded", () => {
  let target = document.querySelector("textarea[data-figure-target]");
  document.querySelectorAll("textarea[data-figure-target]").forEach((area) => {
    area.addEventListener("focus", () => { target = area; });
  });
  document.querySelectorAll("[data-insert]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      if (!target) return;
      const code = button.dataset.insert;
      const start = target.selectionStart ?? target.value.length;
      const end = target.selectionEnd ?? target.value.length;
      target.value = target.value.slice(0, start) + code + target.value.slice(end);
      target.focus();
      target.selectionStart = target.selectionEnd = start + code.length;
      target.dispatchEvent(new Event("input", { bubbles: true }));
    });
  });
  const filter = document.querySelector("[data-picker-filter]");
  if (filter) {
    filter.addEventListener("input", () => {
      const q = filter.value.trim().toLowerCase();
      document.querySelectorAll("[data-picker-item]").forEach((item) => {
        item.hidden = q !== "" && !item.textContent.toLowerCase().includes(q);
      });
    });
  }
});
