// The client's address for the abuse limits. Only what TRUST_PROXY allows: Express reads
// X-Forwarded-For from the right, one entry per trusted proxy, and stops at the first address
// it does not trust. With `trust proxy` true (as before), the leftmost entry, which the client
// writes itself, was taken: 200 sign-in guesses with a new header each were 200 new addresses.
import { isIPv6 } from "node:net";
import type { Request } from "express";

/**
 * The address a limit counts: IPv4 as is; IPv6 by its /64 network, since one subscriber
 * usually gets a whole /64 and could otherwise take a new address for every request.
 */
export function clientAddress(req: Request): string {
  return addressKey(req.ip ?? req.socket.remoteAddress ?? "unknown");
}

export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(":")}::/64`;
}

function expandIPv6(ip: string): string[] {
  const [head, tail] = ip.split("%")[0]!.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}
