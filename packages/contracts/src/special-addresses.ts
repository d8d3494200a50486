/**
 * Addresses the hub never sends a subscription's request to: every block of the IANA IPv4 and
 * IPv6 Special-Purpose Address Registries (RFC 6890 and its updates, as of 2025), multicast, the
 * limited broadcast address, and the deprecated site-local and IPv4-compatible IPv6 forms. One
 * list, used for address literals in a receiver URL and for every address its name resolves to.
 * A block is denied whole even where the registry marks a few addresses inside it globally
 * reachable (the anycast services in 192.0.0.0/24 and 2001::/23): no receiver needs them.
 * IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are judged as the IPv4 address they carry.
 */
import ipaddr from "ipaddr.js";

const V4: [cidr: string, name: string][] = [
  ["0.0.0.0/8", "“this network”"],
  ["10.0.0.0/8", "private use"],
  ["100.64.0.0/10", "shared address space (carrier-grade NAT)"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["172.16.0.0/12", "private use"],
  ["192.0.0.0/24", "IETF protocol assignments"],
  ["192.0.2.0/24", "documentation (TEST-NET-1)"],
  ["192.31.196.0/24", "AS112"],
  ["192.52.193.0/24", "AMT"],
  ["192.88.99.0/24", "deprecated 6to4 relay anycast"],
  ["192.168.0.0/16", "private use"],
  ["192.175.48.0/24", "AS112 direct delegation"],
  ["198.18.0.0/15", "benchmarking"],
  ["198.51.100.0/24", "documentation (TEST-NET-2)"],
  ["203.0.113.0/24", "documentation (TEST-NET-3)"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"],
  ["255.255.255.255/32", "limited broadcast"],
];

const V6: [cidr: string, name: string][] = [
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  // ::/96 (less the two above) is the deprecated IPv4-compatible form; ::ffff:0:0/96 is handled as IPv4.
  ["::/96", "IPv4-compatible (deprecated)"],
  ["::ffff:0:0:0/96", "IPv4-translated (SIIT)"],
  ["64:ff9b::/96", "IPv4/IPv6 translation (NAT64)"],
  ["64:ff9b:1::/48", "local-use IPv4/IPv6 translation"],
  ["100::/64", "discard-only"],
  ["100:0:0:1::/64", "dummy prefix"],
  ["2001::/23", "IETF protocol assignments (Teredo, benchmarking, ORCHID …)"],
  ["2001:db8::/32", "documentation"],
  ["2002::/16", "6to4"],
  ["2620:4f:8000::/48", "AS112 direct delegation"],
  ["3fff::/20", "documentation"],
  ["5f00::/16", "segment routing (SRv6) SIDs"],
  ["fc00::/7", "unique local"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "site-local (deprecated)"],
  ["ff00::/8", "multicast"],
];

const parsed = <T extends ipaddr.IPv4 | ipaddr.IPv6>(list: [string, string][]) =>
  list.map(([cidr, name]) => ({ cidr, name, range: ipaddr.parseCIDR(cidr) as [T, number] }));
const DENY_V4 = parsed<ipaddr.IPv4>(V4);
const DENY_V6 = parsed<ipaddr.IPv6>(V6);
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3") as [ipaddr.IPv6, number];

/** The CIDR blocks denied, for documentation and tests. */
export const SPECIAL_PURPOSE_BLOCKS: readonly string[] = [...V4, ...V6].map(([cidr]) => cidr);

/** The address in a literal (IPv4 dotted quad, or IPv6 with or without brackets), or null if it is not one. */
export function parseIpLiteral(host: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const h = host.replace(/^\[|\]$/g, "");
  if (ipaddr.IPv4.isValidFourPartDecimal(h)) return ipaddr.IPv4.parse(h);
  if (h.includes(":") && ipaddr.IPv6.isValid(h)) return ipaddr.IPv6.parse(h);
  return null;
}

/**
 * Why an address may not receive the hub's requests (the special-purpose block it lies in), or
 * null for an ordinary public unicast address. Anything that is not an address is refused too.
 */
export function specialAddressProblem(address: string): string | null {
  const ip = parseIpLiteral(address);
  if (!ip) return `${address} is not an IP address`;
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    const inner = specialAddressProblem((ip as ipaddr.IPv6).toIPv4Address().toString());
    return inner && `${address} maps ${inner}`;
  }
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).zoneId) return `${address} has a zone (a link-local scope)`;
  if (ip.kind() === "ipv4") {
    const hit = DENY_V4.find((b) => (ip as ipaddr.IPv4).match(b.range));
    return hit ? `${address} is in ${hit.cidr} (${hit.name})` : null;
  }
  const hit = DENY_V6.find((b) => (ip as ipaddr.IPv6).match(b.range));
  if (hit) return `${address} is in ${hit.cidr} (${hit.name})`;
  // Outside 2000::/3 nothing is allocated for global unicast (the IANA IPv6 address space registry).
  return (ip as ipaddr.IPv6).match(GLOBAL_UNICAST_V6) ? null : `${address} is outside the global unicast space 2000::/3`;
}
