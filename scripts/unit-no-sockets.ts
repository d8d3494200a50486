/**
 * Set-up file of the unit tier (scripts/test-tiers.ts): a unit test opens no socket. Every way
 * Node opens one — net/tls connections and listeners, http(s)/http2 requests, fetch, UDP, DNS
 * look-ups — throws here, and a test during which one was tried fails even if the code under test
 * swallowed the error. vitest's own traffic with its worker is child-process IPC (a pipe the
 * worker inherits, never connected through net), so it is not touched.
 */
import dgram from "node:dgram";
import dns from "node:dns";
import http from "node:http";
import http2 from "node:http2";
import https from "node:https";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import tls from "node:tls";
import { afterAll, afterEach } from "vitest";

export const NO_SOCKETS = "unit tests do not open sockets: move this file to the integration tier";
const HOW = "(put it under test/src/, or name it *.int.test.ts beside the code; see scripts/test-tiers.ts)";

const tried: string[] = [];

function refuse(what: string): never {
  tried.push(what);
  throw new Error(`${NO_SOCKETS} ${HOW} — it called ${what}`);
}

const PATCHED = Symbol.for("hub.unit-no-sockets");
const g = globalThis as typeof globalThis & { [PATCHED]?: true };
if (!g[PATCHED]) {
  g[PATCHED] = true;
  const block = <T extends object>(target: T, names: (keyof T & string)[], label: string) => {
    for (const name of names) {
      Object.defineProperty(target, name, {
        configurable: true,
        writable: true,
        value: () => refuse(`${label}.${name}()`),
      });
    }
  };
  block(net, ["connect", "createConnection"], "net");
  block(net.Socket.prototype, ["connect"], "net.Socket#");
  block(net.Server.prototype, ["listen"], "net.Server#");
  block(tls, ["connect"], "tls");
  block(http, ["request", "get"], "http");
  block(https, ["request", "get"], "https");
  block(http2, ["connect"], "http2");
  block(dgram, ["createSocket"], "dgram");
  block(dns, ["lookup", "resolve", "resolve4", "resolve6", "resolveAny"], "dns");
  block(dns.promises, ["lookup", "resolve", "resolve4", "resolve6", "resolveAny"], "dns.promises");
  block(globalThis, ["fetch"], "globalThis");
  // `import { connect } from "node:net"` in ES modules reads these from now on too.
  syncBuiltinESMExports();
}

function check(): void {
  if (tried.length === 0) return;
  const what = [...new Set(tried.splice(0))].join(", ");
  throw new Error(`${NO_SOCKETS} ${HOW} — it called ${what}`);
}
afterEach(check);
afterAll(check);
