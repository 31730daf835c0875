// Waits for a promise at most a given time, without cancelling it: the caller decides what to do when time is up.
export type Within<T> = { done: true; value: T } | { done: false };

export async function within<T>(promise: Promise<T>, ms: number): Promise<Within<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Within<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([promise.then((value): Within<T> => ({ done: true, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
