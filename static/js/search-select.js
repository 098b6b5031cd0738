// Searchable menus (core.widgets.SearchSelect): a <select data-search-url> becomes a Tom Select box
// whose options the server finds as the user types: name, pinyin initials or full pinyin, credit code.
// Without JavaScript the plain <select> stays, with every option; after a validation error the page
// comes back with the chosen option(s) selected, and those are what the box starts with.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof TomSelect === "undefined") return;
  document.querySelectorAll("select[data-search-url]").forEach((select) => {
    const url = new URL(select.dataset.searchUrl, window.location.href);
    // The unchosen options are left to the search: the menu opens on the first 20 in pinyin order.
    Array.from(select.options).forEach((option) => {
      if (option.value && !option.selected) option.remove();
    });
    const settings = {
      valueField: "id",
      labelField: "text",
      searchField: ["text", "pinyin", "code"],
      sortField: [{ field: "key" }, { field: "text" }],
      maxOptions: 20,
      preload: "focus",
      loadThrottle: 250,
      placeholder: "输入名称、拼音首字母或信用代码查找",
      load(query, callback) {
        url.searchParams.set("q", query);
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
          .then((data) => callback(data.results))
          .catch(() => callback());
      },
      render: {
        no_results: () => '<div class="no-results">没有找到，请换个名称、拼音首字母或信用代码</div>',
        loading: () => '<div class="spinner" aria-label="正在查找"></div>',
      },
    };
    if (select.hasAttribute("data-checklist")) {
      settings.plugins = ["checkbox_options", "remove_button"];
      settings.hidePlaceholder = false;
    }
    const box = new TomSelect(select, settings);
    // The box stands for the <select>, hidden from assistive technology (it is out of the tab order).
    select.setAttribute("aria-hidden", "true");
    if (settings.plugins) {
      // The plugin's check box inside an option is a control nested in a control (WCAG 4.1.2): a
      // picture of the option's state (aria-selected, class "selected", portal CSS) takes its place.
      const render = box.settings.render.option;
      box.settings.render.option = (data, escape) => {
        const option = render.call(box, data, escape);
        const check = option.querySelector("input[type=checkbox]");
        if (check) {
          const mark = document.createElement("span");
          mark.className = "check";
          mark.setAttribute("aria-hidden", "true");
          check.replaceWith(mark);
        }
        return option;
      };
    }
  });
});
