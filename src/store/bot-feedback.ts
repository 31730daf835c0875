// The intelligent bot's 👍/👎 feedback: stored with the question and the reply it judged, listed for review.
import { z } from "zod";
import type { Db } from "./database.js";

export const FeedbackRating = z.enum(["like", "dislike", "cancel"]);
export type FeedbackRating = z.infer<typeof FeedbackRating>;

export const FeedbackRow = z.object({
  feedbackId: z.string(),
  userid: z.string(),
  chatid: z.string().nullable(),
  rating: FeedbackRating,
  comment: z.string().nullable(),
  reasons: z.string().nullable(),
  question: z.string().nullable(),
  reply: z.string().nullable(),
  at: z.string(),
});
export type FeedbackRow = z.infer<typeof FeedbackRow>;

export interface BotFeedback {
  /** a person's latest judgement of one answer replaces their earlier one */
  record(row: FeedbackRow): void;
  /** the answers disliked (latest judgement 👎), newest first */
  disliked(limit?: number): FeedbackRow[];
}

const COLUMNS = `feedback_id AS "feedbackId", userid, chatid, rating, comment, reasons, question, reply, at`;

export function createBotFeedback(db: Db): BotFeedback {
  const upsert = db.prepare(`INSERT INTO bot_feedback
      (feedback_id, userid, chatid, rating, comment, reasons, question, reply, at)
    VALUES (@feedbackId, @userid, @chatid, @rating, @comment, @reasons, @question, @reply, @at)
    ON CONFLICT (feedback_id, userid) DO UPDATE SET rating = excluded.rating, comment = excluded.comment,
      reasons = excluded.reasons, at = excluded.at,
      question = COALESCE(excluded.question, bot_feedback.question), reply = COALESCE(excluded.reply, bot_feedback.reply)`);
  const disliked = db.prepare(
    `SELECT ${COLUMNS} FROM bot_feedback WHERE rating = 'dislike' ORDER BY at DESC, rowid DESC LIMIT ?`,
  );
  return {
    record(row) {
      upsert.run(FeedbackRow.parse(row));
    },
    disliked: (limit = 50) => disliked.all(limit).map((r) => FeedbackRow.parse(r)),
  };
}
