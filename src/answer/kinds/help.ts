// "帮助", and a message that only thanks or acknowledges ("谢谢", "收到").
import { ACKNOWLEDGEMENT } from "../question-forms.js";
import type { QuestionKind } from "./scope.js";

export const HELP: QuestionKind = {
  name: "help",
  resolve: ({ q }) => (q.intents.has("help") ? { kind: "help" } : undefined),
};

export const ACKNOWLEDGED: QuestionKind = {
  name: "thanks or acknowledgement",
  resolve: ({ q }) => (ACKNOWLEDGEMENT.test(q.normalized) ? { kind: "help", ack: true } : undefined),
};
