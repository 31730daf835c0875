// What the app route needs to reply actively (implemented by the outbound engineer's WeCom API client).
export interface AppMessageSender {
  /** Sends a markdown message to one user through the app's message/send API. */
  sendAppMessage(touser: string, markdown: string): Promise<unknown>;
}
