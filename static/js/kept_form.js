// A form's content kept at the idle sign-out (core.kept_forms), written back into the page's form.
// Nothing is submitted: the user checks it and presses 提交.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("kept-form");
  if (!source) return;
  const data = JSON.parse(source.textContent);
  const forms = Array.from(document.querySelectorAll("main form[method=post], main form[method=POST]"));
  // The page's form that has most of the kept fields.
  const score = (form) => Object.keys(data).filter((name) => form.elements.namedItem(name)).length;
  const form = forms.sort((a, b) => score(b) - score(a))[0];
  if (!form) return;
  Object.entries(data).forEach(([name, values]) => {
    const fields = Array.from(form.elements).filter((el) => el.name === name);
    let next = 0;
    fields.forEach((el) => {
      if (el.type === "file" || el.type === "hidden" && name === "csrfmiddlewaretoken") return;
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = values.includes(el.value);
      } else if (el.tagName === "SELECT") {
        Array.from(el.options).forEach((option) => { option.selected = values.includes(option.value); });
      } else if (next < values.length) {
        el.value = values[next];
        next += 1;
      }
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
  });
});
