// 现场检查笔录: a finger signature on a canvas (signature_pad, static/vendor/signature_pad), posted as a
// PNG data URL in the form's hidden `image` field. The server refuses a blank or malformed image.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("[data-signature-form]");
  const canvas = form && form.querySelector("[data-signature-pad]");
  if (!canvas || !window.SignaturePad) return;
  const pad = new window.SignaturePad(canvas, { backgroundColor: "rgba(0,0,0,0)", penColor: "#000" });
  const fit = () => {
    // Draw at the screen's pixel density so the stroke is sharp; resizing clears the canvas.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d").scale(ratio, ratio);
    pad.clear();
  };
  fit();
  let width = window.innerWidth;
  window.addEventListener("resize", () => {
    if (window.innerWidth !== width && pad.isEmpty()) {
      width = window.innerWidth;
      fit();
    }
  });
  form.querySelector("[data-signature-clear]").addEventListener("click", () => pad.clear());
  form.addEventListener("submit", () => {
    form.querySelector("input[name=image]").value = pad.isEmpty() ? "" : pad.toDataURL("image/png");
  });
});
