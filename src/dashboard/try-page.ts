// The "try the bot" box: a question in, exactly the chat's reply out, shown as WeCom would render it.
import { html, type SafeHtml, trusted } from "./html.js";
import { renderPage } from "./layout.js";

export interface TryReply {
  question: string;
  markdown: string;
  html: string;
  conversation?: string;
}

/**
 * `conversation`: the id follow-ups continue under. The page carries one for a form posted without script; the
 * script replaces it with the browser session's own (sessionStorage), so every page of a session shares one.
 */
export function tryForm(question = "", conversation = ""): SafeHtml {
  return html`<form class="try-form" method="post" action="/try" data-try-form>
<input type="hidden" name="conversation" value="${conversation}" data-try-conversation>
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

export function renderTryPage(reply?: TryReply, conversation?: string): string {
  const body = html`<h1>问问机器人</h1>
<p>这里的回复由群聊机器人同一套程序生成，格式按企业微信 markdown 显示，追问（如“那协同部门呢”）与群聊一样接着上一问。提问只读：本页不会登记进展。</p>
${tryForm(reply?.question, conversation)}
${tryReplyBlock(reply)}`;
  return renderPage({ title: "问问机器人", body, scripts: ["try-bot.js"], current: "try" });
}
