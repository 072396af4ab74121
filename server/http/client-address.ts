import "server-only";
import { BlockList, isIP } from "node:net";
import { config } from "@/server/config.ts";

/**
 * The header the serving layer (scripts/next-server.mjs) sets to the TCP peer's address, after
 * deleting any copy a client sent. Nothing else in a request says who is really connected.
 */
export const PEER_ADDRESS_HEADER = "x-jangkau-peer";

/** "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) is 10.0.0.1; anything not an address is null. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let text = raw?.trim() ?? "";
  if (text.startsWith("[") && text.includes("]")) text = text.slice(1, text.indexOf("]"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped) text = mapped[1]!;
  return isIP(text) ? text.toLowerCase() : null;
}

/** Addresses and CIDR ranges, IPv4 or IPv6, comma- or space-separated. Throws on an entry it cannot read. */
export function parseTrustedProxies(spec: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (spec ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [rawAddress, rawPrefix, extra] = entry.split("/");
    const address = normalizeAddress(rawAddress);
    const family = address === null ? 0 : isIP(address);
    const prefix = rawPrefix === undefined ? (family === 4 ? 32 : 128) : Number(rawPrefix);
    const max = family === 4 ? 32 : 128;
    if (address === null || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max || (rawPrefix !== undefined && !/^\d+$/.test(rawPrefix))) {
      throw new Error(`JANGKAU_TRUSTED_PROXIES: "${entry}" bukan alamat IP atau rentang CIDR`);
    }
    list.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
  }
  return list;
}

let cached: { spec: string | undefined; list: BlockList } | null = null;

/** JANGKAU_TRUSTED_PROXIES, read when it changes (tests set it per case); none by default. */
export function trustedProxies(): BlockList {
  const spec = config().JANGKAU_TRUSTED_PROXIES;
  if (cached === null || cached.spec !== spec) cached = { spec, list: parseTrustedProxies(spec) };
  return cached.list;
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the TCP peer, unless the peer is a trusted proxy; then X-Forwarded-For
 * is walked from the right (each proxy appends the address it saw), skipping trusted proxies, and
 * the first untrusted hop is the client. Hops left of it were written by the client and prove
 * nothing. A hop that is not an address ends the walk at the proxy that reported it. Null when
 * the serving layer did not stamp the peer (e.g. `next dev`): then nothing here can be trusted.
 */
export function clientAddress(peer: string | null, forwardedFor: string | null, list: BlockList = trustedProxies()): string | null {
  let client = normalizeAddress(peer);
  if (client === null) return null;
  const hops = (forwardedFor ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
  while (isTrusted(list, client) && hops.length > 0) {
    const next = normalizeAddress(hops.pop());
    if (next === null) break;
    client = next;
  }
  return client;
}
