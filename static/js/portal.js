// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // A disclosure button: toggles `.open` on its target and says so in aria-expanded.
  const disclose = (button, target, onOpen) => {
    button.addEventListener("click", (e) => {
      e.stopPropagation();
      const open = target.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open && onOpen) onOpen();
    });
  };

  const toggle = document.querySelector("[data-menu-toggle]");
  const nav = document.getElementById("sidenav");
  if (toggle && nav) disclose(toggle, nav);

  // The account menu (修改密码, 退出) behind the user's name on a phone; closes on a click elsewhere or Esc.
  const userToggle = document.querySelector("[data-user-toggle]");
  const userPanel = userToggle && document.getElementById(userToggle.getAttribute("aria-controls"));
  if (userToggle && userPanel) {
    const close = () => {
      userPanel.classList.remove("open");
      userToggle.setAttribute("aria-expanded", "false");
    };
    disclose(userToggle, userPanel);
    document.addEventListener("click", (e) => { if (!userPanel.contains(e.target)) close(); });
    document.addEventListener("keydown", (e) => { if (e.key === "Escape") close(); });
  }

  // Lists become cards on a phone (portal.css, "cards"): each cell is labelled with its column's
  // heading; the row's first link is the card's title and its first status tag sits beside it.
  document.querySelectorAll("table.table").forEach((table) => {
    const head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head || table.dataset.cards === "off") return;
    const labels = [];
    Array.from(head.cells).forEach((th) => {
      for (let i = 0; i < th.colSpan; i += 1) labels.push(th.textContent.trim());
    });
    Array.from(table.tBodies).forEach((body) => {
      Array.from(body.rows).forEach((row) => {
        let column = 0;
        Array.from(row.cells).forEach((cell) => {
          if (cell.colSpan < labels.length && labels[column] && !cell.hasAttribute("data-label")) {
            cell.dataset.label = labels[column];
          }
          column += cell.colSpan;
        });
        const title = Array.from(row.cells).find((cell) => cell.querySelector("a[href]"));
        if (title) title.dataset.cardTitle = "";
        const status = Array.from(row.cells).find((cell) => cell !== title && cell.querySelector(".tag"));
        if (status) status.dataset.cardStatus = "";
      });
    });
    table.classList.add("cards");
  });

  // On a phone a list's filters fold behind one 筛选 button that says how many are in use.
  document.querySelectorAll("form.filters").forEach((form, index) => {
    if (!form.id) form.id = `filters-${index + 1}`;
    const used = Array.from(form.elements).filter(
      (el) => el.name && !["o", "ordering", "page"].includes(el.name) && el.type !== "hidden" && el.type !== "submit"
        && ((el.type === "checkbox" || el.type === "radio") ? el.checked : el.value !== ""),
    ).length;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn filters-toggle";
    button.textContent = used ? `筛选（${used}）` : "筛选";
    button.setAttribute("aria-controls", form.id);
    button.setAttribute("aria-expanded", "false");
    form.classList.add("filters-folded");
    form.before(button);
    disclose(button, form);
  });

  // Ask before leaving a form with unsaved changes.
  document.querySelectorAll("form[data-warn-unsaved]").forEach((form) => {
    let dirty = false;
    form.addEventListener("input", () => { dirty = true; });
    form.addEventListener("submit", () => { dirty = false; });
    window.addEventListener("beforeunload", (e) => { if (dirty) { e.preventDefault(); e.returnValue = ""; } });
  });
  // Confirm destructive or irreversible actions.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (e) => { if (!window.confirm(el.dataset.confirm)) e.preventDefault(); });
  });
});
