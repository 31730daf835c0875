// Uploads a progress table for a preview, then the same file again with the preview's fingerprint to store it.
(() => {
  const form = document.querySelector("[data-import-form]");
  const out = document.querySelector("[data-import-preview]");
  const confirm = document.querySelector("[data-import-confirm]");
  if (!form || !out || !confirm) return;
  let shown = null;

  async function send(path, file, fingerprint) {
    const query = new URLSearchParams({ name: file.name });
    if (fingerprint) query.set("preview", fingerprint);
    const response = await fetch(`${path}?${query}`, {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream", Accept: "application/json" },
      body: file,
    });
    return { ok: response.ok, reply: await response.json() };
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = form.querySelector("input[type=file]").files[0];
    if (!file) return;
    confirm.hidden = true;
    out.textContent = "正在读取…";
    const { ok, reply } = await send("/progress/import/preview", file);
    // textContent only: cell text from the file is never read as markup
    out.textContent = ok ? reply.preview : reply.error;
    shown = ok && reply.toStore > 0 ? { file, fingerprint: reply.fingerprint } : null;
    confirm.hidden = !shown;
  });

  confirm.addEventListener("click", async () => {
    if (!shown) return;
    confirm.disabled = true;
    const { ok, reply } = await send("/progress/import/confirm", shown.file, shown.fingerprint);
    out.textContent = ok ? `已导入 ${reply.stored} 条记录。` : reply.error;
    confirm.disabled = false;
    confirm.hidden = true;
    shown = null;
  });
})();
