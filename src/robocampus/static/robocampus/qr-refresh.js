// Reload the room's check-in QR code before its token expires.
(function () {
  const img = document.getElementById("qr-code");
  if (!img) return;
  const base = img.getAttribute("src");
  const every = Number(img.dataset.refreshMs) || 10000;
  setInterval(function () {
    img.setAttribute("src", base + "?t=" + Date.now());
  }, every);
})();
