// Routes one chat message: progress commands to the progress module, everything else to the answering core.
import type { Answerer } from "../answer/answerer.js";
import { composeReply } from "../answer/compose-reply.js";
import type { AnswerContext } from "../answer/types.js";
import { type Conversations, createConversations } from "./conversations.js";
import type { HandleOptions, IncomingMessage, Reply } from "./message.js";

export interface ChatDeps {
  answerer: Answerer;
  /** builds the answer context at the moment of the message (today's date, progress reader) */
  context(): AnswerContext;
  /** progress commands (进展 …, 进展历史 …, 更正 …, 撤销 …); returns null when the text is not one */
  progressCommands?: (msg: IncomingMessage, options?: HandleOptions) => Reply | null;
  /** the sender's departments (the reporters file), for "我们部门牵头哪些任务"; none known: [] */
  departmentsOf?: (userid: string) => readonly string[];
  /** the plan of a group (chats file), for questions asked there that name none */
  planOfChat?: (chatid: string) => string | undefined;
  /** follow-up memory per sender and chat (default: 5 minutes) */
  conversations?: Conversations;
}

export function createMessageHandler(
  deps: ChatDeps,
): (msg: IncomingMessage, options?: HandleOptions) => Promise<Reply> {
  const conversations = deps.conversations ?? createConversations();
  return async (msg, options) => {
    const command = deps.progressCommands?.(msg, options);
    if (command) return command;
    const homePlan = msg.chatid ? deps.planOfChat?.(msg.chatid) : undefined;
    const context = {
      ...deps.context(),
      askerDepartments: deps.departmentsOf?.(msg.userid) ?? [],
      ...(homePlan ? { homePlan } : {}),
    };
    const answers = deps.answerer.answer(msg.text, context, conversations.of(msg));
    return { markdown: composeReply(answers), kind: answers.map((a) => a.intent).join("+") };
  };
}
