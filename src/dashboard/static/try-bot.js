// Sends the "try the bot" question without reloading the page; without script the form posts and the page comes back.
(() => {
  const form = document.querySelector("[data-try-form]");
  const out = document.querySelector("[data-try-reply]");
  if (!form || !out) return;
  // One conversation per browser session, as one sender in a group chat: follow-ups continue the last question.
  // The page's own id (server-made) serves where the browser cannot make or keep one (no secure context, storage off).
  const KEY = "planbot-try-conversation";
  const field = form.querySelector("[data-try-conversation]");
  let conversation = field ? field.value : "";
  try {
    const kept = sessionStorage.getItem(KEY);
    if (kept && /^[A-Za-z0-9_-]{8,64}$/.test(kept)) conversation = kept;
    else {
      if (typeof crypto.randomUUID === "function") conversation = crypto.randomUUID();
      sessionStorage.setItem(KEY, conversation);
    }
  } catch {
    // storage refused: the page's id lasts as long as the page
  }
  if (field) field.value = conversation;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = new FormData(form).get("text");
    const button = form.querySelector("button");
    if (button) button.disabled = true;
    out.textContent = "正在回复…";
    try {
      const response = await fetch("/try", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ text, conversation }),
      });
      const reply = await response.json();
      out.replaceChildren();
      if (!response.ok) {
        const p = document.createElement("p");
        p.setAttribute("role", "alert");
        p.textContent = reply.error || "出错了";
        out.append(p);
        return;
      }
      const heading = document.createElement("h3");
      heading.textContent = "机器人回复";
      const bubble = document.createElement("div");
      bubble.className = "wecom-bubble wecom-markdown";
      // server-rendered from the reply with every character escaped; only known WeCom marks become tags
      bubble.innerHTML = reply.html;
      const details = document.createElement("details");
      details.className = "raw-markdown";
      const summary = document.createElement("summary");
      summary.textContent = "查看原始 markdown";
      const pre = document.createElement("pre");
      pre.textContent = reply.markdown;
      details.append(summary, pre);
      out.append(heading, bubble, details);
    } catch {
      out.textContent = "网络错误，请重试。";
    } finally {
      if (button) button.disabled = false;
    }
  });
})();
