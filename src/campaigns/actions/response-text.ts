/**
 * A response body read as text up to `maxChars`: past it, reading stops (the rest is never held
 * in memory) and `complete` is false, so that assertions on the body fail saying so instead of
 * judging a truncated text.
 */
export async function readResponseText(response: Response, maxChars: number): Promise<{ text: string; complete: boolean }> {
  if (!response.body) return { text: "", complete: true };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), complete: true };
    text += decoder.decode(value, { stream: true });
    if (text.length > maxChars) {
      await reader.cancel();
      return { text: text.slice(0, maxChars), complete: false };
    }
  }
}

/** A request that could not be made, with the network or TLS error's code when it has one ("fetch failed" says nothing). */
export class RequestFailedError extends Error {
  constructor(
    readonly method: string,
    readonly origin: string,
    readonly errorCode: string | null,
    readonly detail: string,
  ) {
    super(`${method} ${origin}: ${errorCode ?? detail}`);
  }

  static from(err: unknown, method: string, origin: string): RequestFailedError {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return new RequestFailedError(method, origin, cause?.code ?? null, cause?.message ?? (err as Error).message);
  }
}
