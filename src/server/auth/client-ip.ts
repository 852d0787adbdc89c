import { BlockList, isIP } from "node:net";

/** Set by the web server on every request, after dropping any value the client sent. */
export const CLIENT_IP_HEADER = "x-vigie-client-ip";

/**
 * Proxies whose X-Forwarded-For is believed (VIGIE_TRUSTED_PROXIES: addresses or CIDR ranges,
 * comma-separated). Nobody by default: a client could otherwise write any address there and
 * escape the login throttle.
 */
export function trustedProxies(spec: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (spec ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address = "", bits] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (!isIP(address)) throw new Error(`VIGIE_TRUSTED_PROXIES: ${entry} is not an IP address or range`);
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

const plain = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
const trusts = (proxies: BlockList, address: string) => (isIP(address) ? proxies.check(address, isIP(address) === 6 ? "ipv6" : "ipv4") : false);

/** Whether the connection comes from a trusted proxy (whose X-Forwarded-* headers are believed). */
export const fromTrustedProxy = (socketAddress: string | undefined, proxies: BlockList) => Boolean(socketAddress && trusts(proxies, plain(socketAddress)));

/**
 * The client's address: the socket's, unless that is a trusted proxy, in which case the
 * X-Forwarded-For chain is walked from the right, past every trusted proxy, to the first
 * address that is not one.
 */
export function resolveClientIp(socketAddress: string | undefined, forwardedFor: string | undefined, proxies: BlockList): string | null {
  let address = socketAddress ? plain(socketAddress) : null;
  if (!address || !trusts(proxies, address)) return address;
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((s) => plain(s.trim()))
    .filter(Boolean);
  while (chain.length && address && trusts(proxies, address)) address = chain.pop() ?? address;
  return address;
}

/** The client address the web server resolved for this request (see resolveClientIp). */
export function clientIp(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER) || null;
}
