// The "try the bot" box: a question in, exactly the chat's reply out, shown as WeCom would render it.
import { html, type SafeHtml, trusted } from "./html.js";
import { renderPage } from "./layout.js";

export interface TryReply {
  question: string;
  markdown: string;
  html: string;
}

export function tryForm(question = ""): SafeHtml {
  return html`<form class="try-form" method="post" action="/try" data-try-form>
<label for="try-q">向机器人提问（回复与群聊中完全一致）</label>
<textarea id="try-q" name="text" rows="2" maxlength="4000" required placeholder="例如：任务一的目标是什么？">${question}</textarea>
<button type="submit">发送</button>
</form>`;
}

export function tryReplyBlock(reply: TryReply | undefined): SafeHtml {
  return html`<div class="try-reply" data-try-reply aria-live="polite">${
    reply
      ? html`<h3>机器人回复</h3>
<div class="wecom-bubble wecom-markdown">${trusted(reply.html)}</div>
<details class="raw-markdown"><summary>查看原始 markdown</summary><pre>${reply.markdown}</pre></details>`
      : ""
  }</div>`;
}

export function renderTryPage(reply?: TryReply): string {
  const body = html`<h1>问问机器人</h1>
<p>这里的回复由群聊机器人同一套程序生成，格式按企业微信 markdown 显示。提问只读：本页不会登记进展。</p>
${tryForm(reply?.question)}
${tryReplyBlock(reply)}`;
  return renderPage({ title: "问问机器人", body, scripts: ["try-bot.js"], current: "try" });
}
