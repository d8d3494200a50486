/**
 * Reaching a subscription's receiver without being steered inside (server-side request forgery):
 * the receiver's name is resolved once, every address it resolves to is checked against the
 * special-purpose deny list, and the request connects to those checked addresses — the HTTP
 * client gets them through its `lookup`, so it never resolves the name again (a second answer,
 * from a DNS server that rebinds the name to 127.0.0.1, is never asked for). An address literal
 * (IPv4, or IPv6 in brackets) is checked as it is and needs no resolution.
 */
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { parseIpLiteral, specialAddressProblem } from "@hub/contracts";

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a name resolves to (A and AAAA, as the system resolver answers). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * The addresses to connect to for a receiver URL's host, each one checked, or why not: the name
 * resolves to no address, or to at least one special-purpose address (then none is used).
 */
export async function checkedAddresses(hostname: string, resolve: Resolver): Promise<{ addresses: ResolvedAddress[] } | { problem: string }> {
  const host = hostname.replace(/^\[|\]$/g, "");
  const literal = parseIpLiteral(host);
  const found = literal ? [{ address: host, family: literal.kind() === "ipv4" ? 4 : 6 }] : await resolve(host);
  if (found.length === 0) return { problem: `the receiver's host ${host} resolves to no address` };
  for (const a of found) {
    const problem = specialAddressProblem(a.address);
    if (problem) {
      return {
        problem: literal ? `the receiver's address ${problem}` : `the receiver's host ${host} resolves to a special-purpose address: ${problem}`,
      };
    }
  }
  return { addresses: found };
}

/** A `lookup` for the HTTP client that answers with the checked addresses only. */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    if (wanted.length === 0) {
      const err = Object.assign(new Error(`no checked IPv${options.family} address for the receiver`), { code: "ENOTFOUND" });
      callback(err as NodeJS.ErrnoException, options.all ? [] : "", 0 as never);
      return;
    }
    if (options.all) callback(null, wanted as never);
    else callback(null, (wanted[0] as ResolvedAddress).address, (wanted[0] as ResolvedAddress).family);
  };
}

export interface PostOptions {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Connect only to these addresses (the checked ones); undefined: the system resolves the name. */
  addresses?: ResolvedAddress[];
}

/**
 * POSTs the body and answers the receiver's status code. Redirects are not followed (a 3xx is an
 * answer like any other), no connection is kept for later (each delivery connects to the
 * addresses it checked), and the whole exchange is bounded by the timeout.
 */
export function post(url: string, o: PostOptions): Promise<number> {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise<number>((resolve, reject) => {
    const req = client.request(target, {
      method: "POST",
      headers: { ...o.headers, "content-length": String(Buffer.byteLength(o.body, "utf8")) },
      agent: false,
      signal: AbortSignal.timeout(o.timeoutMs),
      ...(o.addresses ? { lookup: pinnedLookup(o.addresses) } : {}),
    });
    req.on("error", reject);
    req.on("response", (res) => {
      res.on("error", () => undefined);
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.end(o.body, "utf8");
  });
}
