import { describe, expect, it } from "vitest";
import { CreateSubscriptionBody, isInternalHost, receiverUrlProblem, retryDelayMs } from "./subscriptions";

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
