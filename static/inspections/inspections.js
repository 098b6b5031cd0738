// 行政检查: small helpers for the answer sheet; the form works without them.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-mark-all]").forEach((button) => {
    button.addEventListener("click", () => {
      const value = button.dataset.markAll;
      const form = button.closest("form");
      const groups = new Set([...form.querySelectorAll("input[type=radio][name^=answer_]")].map((i) => i.name));
      groups.forEach((name) => {
        if (!form.querySelector(`input[name="${name}"]:checked`)) {
          const target = form.querySelector(`input[name="${name}"][value="${value}"]`);
          if (target) target.checked = true;
        }
      });
      form.dispatchEvent(new Event("input"));
    });
  });
  document.querySelectorAll("input[type=radio][name^=answer_]").forEach((input) => {
    input.addEventListener("change", () => {
      input.closest(".answer").classList.toggle("is-fail", input.value === "fail" && input.checked);
    });
  });
});
