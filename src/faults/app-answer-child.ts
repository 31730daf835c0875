// Child process of the fault suite's app-answer phase: queues answers in the app outbox of a SQLite file (each once,
// whatever a restart repeats) and sends them through message/send until none is left; the suite SIGKILLs it at will.
import { z } from "zod";
import { openDatabase } from "../store/database.js";
import { createWecomApiClient } from "../wecom/api-client.js";
import { createAppAnswerOutbox } from "../wecom/app/answer-outbox.js";
import { createOutbox } from "../wecom/outbox.js";
import { appAnswerText } from "./app-answers.js";

const Env = z.object({
  FAULTS_DB: z.string().min(1),
  FAULTS_API: z.url(),
  FAULTS_CORP_ID: z.string().min(1),
  FAULTS_SECRET: z.string().min(1),
  FAULTS_AGENT: z.string().min(1),
  FAULTS_COUNT: z.coerce.number().int().min(1),
  FAULTS_RUN: z.string().min(1),
});
const env = Env.parse(process.env);
const db = openDatabase(env.FAULTS_DB);
const client = createWecomApiClient({
  apiBase: env.FAULTS_API,
  corpId: env.FAULTS_CORP_ID,
  corpSecret: env.FAULTS_SECRET,
  agentId: env.FAULTS_AGENT,
});
const answers = createAppAnswerOutbox(db, client, { pollMs: 50, backoff: { baseMs: 50, maxMs: 500 } });
for (let i = 0; i < env.FAULTS_COUNT; i++) {
  answers.enqueue(`user${i % 10}`, `${env.FAULTS_RUN}-${i}`, appAnswerText(env.FAULTS_RUN, i));
}
const outbox = createOutbox(db);
const timer = setInterval(() => {
  const open = outbox.list().filter((r) => r.kind === "app" && (r.status === "pending" || r.status === "sending"));
  if (open.length > 0) return;
  clearInterval(timer);
  void answers.stop().then(() => {
    db.close();
    process.stdout.write("done\n");
  });
}, 100);
