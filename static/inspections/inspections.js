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

// 双随机: choosing a drawn organization ticks the officers the draw assigned to it (the server checks
// the same rule: other officers need a substitution reason).
document.addEventListener("DOMContentLoaded", () => {
  const data = document.getElementById("drawn-officers");
  const select = document.getElementById("id_organization");
  const notice = document.querySelector("[data-drawn-notice]");
  if (!data || !select) return;
  const drawn = JSON.parse(data.textContent);
  const general = notice ? notice.textContent : "";
  const show = () => {
    const entry = drawn[select.value];
    if (notice) {
      notice.textContent = entry
        ? `该机构为双随机抽中对象，抽取的执法人员：${entry.names}。已按抽取结果勾选；实际检查人员不同时须选择人员调整原因。`
        : general;
    }
    return entry;
  };
  select.addEventListener("change", () => {
    const entry = show();
    if (!entry) return;
    document.querySelectorAll("input[name=officers]").forEach((box) => {
      box.checked = entry.officers.includes(Number(box.value));
    });
  });
  show();
});
