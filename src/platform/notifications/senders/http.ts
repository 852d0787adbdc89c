/** POSTs and fails on anything but a 2xx answer, with the start of the answer in the error. */
export async function postOrThrow(url: string, init: { headers: Record<string, string>; body: string }) {
  const res = await fetch(url, { method: "POST", headers: init.headers, body: init.body, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) {
    const text = (await res.text().catch(() => "")).slice(0, 300);
    throw new Error(`HTTP ${res.status} from ${new URL(url).host}${text ? `: ${text}` : ""}`);
  }
  await res.body?.cancel();
}
