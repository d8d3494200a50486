/**
 * The receiver check of outbound subscriptions, without the stack: names resolved once by an
 * injected resolver, every address judged, the connection made to the checked address, and the
 * HTTP exchange itself against a local server.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkedAddresses, post, type ResolvedAddress, type Resolver } from "./receiver";
import { send, signature } from "./sender";

const prod = { allowHosts: null, production: true };
const dev = { allowHosts: null, production: false };

/** A resolver that answers from a table and counts how often it was asked. */
function fakeResolver(answers: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve: Resolver = async (host) => {
    asked.push(host);
    return (answers[host] ?? []).map((address): ResolvedAddress => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { resolve, asked };
}

let server: Server;
let port: number;
const received: { req: IncomingMessage; body: string }[] = [];
let answer = 204;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      received.push({ req, body });
      res.writeHead(answer, answer === 302 ? { location: "http://127.0.0.1:9/elsewhere" } : {}).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("the addresses of a receiver's name (production rule)", () => {
  it("checks every address the name resolves to, not only the first", async () => {
    for (const order of [
      ["93.184.215.14", "10.0.0.5"],
      ["10.0.0.5", "93.184.215.14"],
      ["2606:2800:21f:cb07:6820:80da:af6b:8b2c", "fd00::5"],
    ]) {
      const { resolve } = fakeResolver({ "hooks.example.org": order });
      const r = await checkedAddresses("hooks.example.org", resolve);
      expect(r, order.join(",")).toEqual({ problem: expect.stringMatching(/resolves to a special-purpose address: (10\.0\.0\.5|fd00::5) is in/) });
    }
  });

  it("answers the checked addresses when all are public", async () => {
    const { resolve, asked } = fakeResolver({ "hooks.example.org": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"] });
    expect(await checkedAddresses("hooks.example.org", resolve)).toEqual({
      addresses: [
        { address: "93.184.215.14", family: 4 },
        { address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 },
      ],
    });
    expect(asked).toEqual(["hooks.example.org"]);
  });

  it("refuses a name that resolves to nothing, and names that resolve to the newly listed blocks", async () => {
    const { resolve } = fakeResolver({
      bench: ["198.18.0.7"],
      ietf: ["192.0.0.9"],
      mcast: ["224.0.0.251"],
      bcast: ["255.255.255.255"],
      site: ["fec0::1"],
      nat64: ["64:ff9b::a9fe:a9fe"],
      mapped: ["::ffff:127.0.0.1"],
      compat: ["::127.0.0.1"],
    });
    expect(await checkedAddresses("nothing.example.org", resolve)).toEqual({ problem: expect.stringContaining("resolves to no address") });
    for (const host of ["bench", "ietf", "mcast", "bcast", "site", "nat64", "mapped", "compat"]) {
      expect(await checkedAddresses(host, resolve), host).toEqual({ problem: expect.stringContaining("special-purpose address") });
    }
  });

  it("takes an IPv6 literal as it is, without asking the resolver (it used to look up “[…]” and always fail)", async () => {
    const { resolve, asked } = fakeResolver({});
    expect(await checkedAddresses("[2606:4700:4700::1111]", resolve)).toEqual({ addresses: [{ address: "2606:4700:4700::1111", family: 6 }] });
    expect(await checkedAddresses("[::ffff:7f00:1]", resolve)).toEqual({ problem: expect.stringContaining("127.0.0.1 is in 127.0.0.0/8") });
    expect(await checkedAddresses("198.18.0.1", resolve)).toEqual({ problem: expect.stringContaining("198.18.0.0/15") });
    expect(asked).toEqual([]);
  });
});

describe("sending", () => {
  const delivery = (url: string) => ({ url, secret: "s3cret", body: '{"specversion":"1.0"}' });

  it("in production resolves the name once and refuses before connecting when any address is special", async () => {
    const { resolve, asked } = fakeResolver({ "hooks.example.org": ["93.184.215.14", "127.0.0.1"] });
    const before = received.length;
    expect(await send(delivery(`http://hooks.example.org:${port}/in`), prod, resolve)).toContain("127.0.0.1 is in 127.0.0.0/8");
    expect(asked).toEqual(["hooks.example.org"]);
    expect(received.length).toBe(before);
    expect(await send(delivery("http://localhost./in"), prod, resolve)).toContain("localhost name");
  });

  it("connects to the checked address, never resolving the name again", async () => {
    // A name under .invalid never resolves (RFC 6761): the request can only have reached the
    // server through the address it was given.
    answer = 204;
    const status = await post(`http://receiver.invalid:${port}/pinned`, {
      headers: { "content-type": "application/json" },
      body: "{}",
      timeoutMs: 5_000,
      addresses: [{ address: "127.0.0.1", family: 4 }],
    });
    expect(status).toBe(204);
    const last = received.at(-1);
    expect(last?.req.url).toBe("/pinned");
    expect(last?.req.headers.host).toBe(`receiver.invalid:${port}`);
  });

  it("posts the signed body and judges the status (outside production: this machine only); redirects are not followed", async () => {
    answer = 204;
    const d = delivery(`http://127.0.0.1:${port}/hook`);
    expect(await send(d, dev)).toBeNull();
    const last = received.at(-1);
    expect(last?.body).toBe(d.body);
    expect(last?.req.headers["x-hub-signature-256"]).toBe(signature(d.secret, d.body));
    expect(last?.req.headers["content-type"]).toBe("application/cloudevents+json; charset=utf-8");
    answer = 500;
    expect(await send(d, dev)).toBe("the receiver answered 500");
    answer = 302;
    const count = received.length;
    expect(await send(d, dev)).toBe("the receiver answered 302");
    expect(received.length).toBe(count + 1);
    expect(await send(delivery("http://127.0.0.1:9/closed"), dev).catch((e: Error) => e.message)).toMatch(/ECONNREFUSED/);
  });
});
