// The idle sign-out (accounts.middleware): warn before it, and keep the session while the user is
// working on the page. Typing, clicking or scrolling is activity; a ping to the keep-alive URL at most
// every PING_EVERY seconds tells the server so. Without activity nothing is sent, so an idle session
// still ends after the timeout (等保: idle means no user activity).
document.addEventListener("DOMContentLoaded", () => {
  const body = document.body;
  const timeout = Number(body.dataset.idleTimeout || 0) * 1000;
  const url = body.dataset.keepaliveUrl;
  const warning = document.getElementById("idle-warning");
  if (!timeout || !url || !warning) return;
  const text = warning.querySelector("[data-idle-text]");
  // Warn two minutes before (a quarter of the timeout when it is shorter); ping at most every two minutes.
  const warnBefore = Math.min(120000, timeout / 4);
  const pingEvery = Math.min(120000, timeout / 3);
  let lastContact = Date.now(); // the server's idle timer started at the page's request
  let active = false;
  let signedOut = false;

  const ping = () => {
    active = false;
    fetch(url, { credentials: "same-origin", redirect: "manual", headers: { Accept: "text/plain" } })
      .then((response) => {
        if (response.status === 200) {
          lastContact = Date.now();
          warning.hidden = true;
        }
      })
      .catch(() => {});
  };
  const onActivity = () => {
    if (signedOut) return;
    active = true;
    if (Date.now() - lastContact >= pingEvery) ping();
  };
  ["keydown", "input", "change", "pointerdown", "wheel", "touchstart"].forEach((type) => {
    document.addEventListener(type, onActivity, { passive: true, capture: true });
  });
  warning.querySelector("[data-idle-stay]").addEventListener("click", ping);

  const tick = () => {
    const left = timeout - (Date.now() - lastContact);
    if (left <= 0) {
      signedOut = true;
      text.textContent = "您已因长时间未操作而超时退出。提交表单时，填写的内容会先保存，重新登录后将恢复。";
      warning.querySelector("[data-idle-stay]").hidden = true;
      warning.hidden = false;
      return;
    }
    if (active && Date.now() - lastContact >= pingEvery) ping();
    if (left <= warnBefore) {
      const seconds = Math.ceil(left / 1000);
      text.textContent = seconds > 60
        ? `您已较长时间未操作，约${Math.ceil(seconds / 60)}分钟后将自动退出。继续填写或点击“保持登录”即可保持登录。`
        : `您已较长时间未操作，${seconds}秒后将自动退出。继续填写或点击“保持登录”即可保持登录。`;
      warning.hidden = false;
    }
    window.setTimeout(tick, Math.min(1000, Math.max(100, left / 10)));
  };
  tick();
});
