/** A response whose body is pulled from an async generator: nothing is buffered beyond one chunk. */
export function streamResponse(chunks: AsyncGenerator<string>, headers: Record<string, string>): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, { headers });
}

/** Query parameters checked by a zod schema: the values, or a 400 answer listing the issues. */
export function parseQuery<T>(
  req: Request,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
): { data: T } | { response: Response } {
  const parsed = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (parsed.success) return { data: parsed.data };
  return {
    response: Response.json(
      { error: "invalid query", issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
      { status: 400 },
    ),
  };
}
