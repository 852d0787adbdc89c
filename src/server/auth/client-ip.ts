/**
 * The client address as the nearest proxy saw it: the last entry of X-Forwarded-For (earlier
 * entries are whatever the client chose to send), else X-Real-IP.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last || headers.get("x-real-ip") || null;
}
