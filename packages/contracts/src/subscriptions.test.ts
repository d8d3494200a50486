import { describe, expect, it } from "vitest";
import { CreateSubscriptionBody, isInternalHost, receiverUrlProblem, retryDelayMs, specialAddressProblem } from "./subscriptions";

const dev = { allowHosts: null, production: false };
const prod = { allowHosts: null, production: true };

describe("receiver URLs", () => {
  it("outside production, only this machine", () => {
    for (const url of ["http://127.0.0.1:8080/x", "https://localhost/x", "http://[::1]:9/x"]) expect(receiverUrlProblem(url, dev), url).toBeNull();
    expect(receiverUrlProblem("https://example.org/x", dev)).toContain("this machine");
  });
  it("in production, no loopback, private or link-local address", () => {
    expect(receiverUrlProblem("https://hooks.example.org/hub", prod)).toBeNull();
    for (const url of [
      "http://127.0.0.1/x",
      "http://10.1.2.3/x",
      "http://172.20.0.1/x",
      "http://192.168.1.1/x",
      "http://169.254.169.254/latest",
      "http://localhost/x",
      "http://[fd00::1]/x",
      "http://[::ffff:127.0.0.1]/x",
    ])
      expect(receiverUrlProblem(url, prod), url).toContain("must not name");
  });
  it("an allow-list decides alone: exact names and subdomains", () => {
    const rule = { allowHosts: ["hooks.kotra.example", "*.koica.example"], production: true };
    expect(receiverUrlProblem("https://hooks.kotra.example/a", rule)).toBeNull();
    expect(receiverUrlProblem("https://a.b.koica.example/a", rule)).toBeNull();
    expect(receiverUrlProblem("https://koica.example.evil.example/a", rule)).toContain("not allowed");
  });
  it("refuses other schemes, credentials and non-URLs", () => {
    expect(receiverUrlProblem("ftp://127.0.0.1/x", dev)).toBe("must be an http or https URL");
    expect(receiverUrlProblem("http://u:p@127.0.0.1/x", dev)).toBe("must not carry a user name or password");
    expect(receiverUrlProblem("nope", dev)).toBe("must be an absolute http or https URL");
  });
  it("knows public addresses from internal ones", () => {
    expect(isInternalHost("8.8.8.8")).toBe(false);
    expect(isInternalHost("172.32.0.1")).toBe(false);
    expect(isInternalHost("100.64.0.1")).toBe(true);
  });
});

describe("special-purpose addresses (IANA registries), in production", () => {
  const refused = (url: string) => expect(receiverUrlProblem(url, prod), url).toContain("must not name");
  it("refuses localhost names written with the root's trailing dot", () => {
    for (const url of ["http://localhost./", "http://LOCALHOST../x", "http://api.localhost./x", "http://127.0.0.1./x"]) refused(url);
  });
  it("refuses every IPv4 special-purpose block, multicast and the limited broadcast", () => {
    for (const a of [
      "0.1.2.3",
      "198.18.0.1",
      "198.19.255.254",
      "192.0.0.8",
      "192.0.0.170",
      "192.0.2.1",
      "192.88.99.1",
      "198.51.100.7",
      "203.0.113.9",
      "224.0.0.1",
      "239.255.255.250",
      "240.0.0.1",
      "255.255.255.255",
    ])
      refused(`http://${a}/x`);
    // URL normalises other IPv4 spellings to the dotted quad, which is what is judged.
    for (const url of ["http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/"]) refused(url);
  });
  it("refuses the IPv6 ones: site-local, NAT64, discard, documentation, 6to4, Teredo, multicast, outside 2000::/3", () => {
    for (const a of [
      "fec0::1",
      "64:ff9b::7f00:1",
      "64:ff9b:1::1",
      "100::1",
      "2001:db8::1",
      "2002:7f00:1::1",
      "2001::1",
      "3fff::1",
      "ff02::1",
      "4000::1",
    ])
      refused(`http://[${a}]/x`);
  });
  it("judges IPv4-mapped addresses as the IPv4 address they carry, and refuses the IPv4-compatible form", () => {
    for (const a of ["::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:198.18.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "::a00:1"])
      refused(`http://[${a}]/x`);
    expect(specialAddressProblem("::ffff:8.8.8.8")).toBeNull();
  });
  it("lets ordinary public addresses through, IPv6 literals included", () => {
    for (const url of ["http://8.8.8.8/x", "https://1.1.1.1/x", "http://[2606:4700:4700::1111]/x", "https://[2001:4860:4860::8888]:8443/x"])
      expect(receiverUrlProblem(url, prod), url).toBeNull();
    expect(specialAddressProblem("198.20.0.1")).toBeNull();
    expect(specialAddressProblem("192.0.1.1")).toBeNull();
  });
  it("says which block an address is in, and refuses what is not an address", () => {
    expect(specialAddressProblem("198.18.0.1")).toBe("198.18.0.1 is in 198.18.0.0/15 (benchmarking)");
    expect(specialAddressProblem("fec0::1")).toContain("fec0::/10");
    expect(specialAddressProblem("fe80::1%eth0")).not.toBeNull();
    expect(specialAddressProblem("example.org")).toContain("not an IP address");
  });
});

describe("retries and bodies", () => {
  it("doubles the delay from the base, up to 5 minutes", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30, 1000)).toBe(300_000);
  });
  it("wants known types, each once", () => {
    expect(CreateSubscriptionBody.safeParse({ url: "http://127.0.0.1/x", types: ["kr.teamkorea.hub.task.changed.v1"] }).success).toBe(true);
    expect(CreateSubscriptionBody.safeParse({ url: "http://127.0.0.1/x", types: [] }).success).toBe(false);
    expect(
      CreateSubscriptionBody.safeParse({ url: "http://127.0.0.1/x", types: ["kr.teamkorea.hub.task.changed.v1", "kr.teamkorea.hub.task.changed.v1"] })
        .success,
    ).toBe(false);
  });
});
