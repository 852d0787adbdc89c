/** Only paths on this site: an open redirect would let a link send a fresh login elsewhere. */
export function safeRedirectPath(url: string | undefined | null): string {
  return url?.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\") ? url : "/";
}
