// The one error a progress write raises when it is refused; its message is Chinese and safe to show in chat.
export class ProgressRejected extends Error {
  override name = "ProgressRejected";
}
