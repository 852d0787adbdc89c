/**
 * A request body as text, read as it streams in and refused once it passes `maxBytes`: a client
 * cannot make the server hold an unbounded body. Content-Length, when sent, refuses it at once.
 */
export async function readBoundedText(req: Request, maxBytes: number): Promise<{ text: string } | { tooLarge: true }> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { tooLarge: true };
  if (!req.body) return { text: "" };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString("utf8") };
}
