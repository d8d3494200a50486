import { describe, expect, it } from "vitest";
import { classifyFailure, poisonGuard } from "./failures";

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const kafkaError = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

describe("classifyFailure", () => {
  it("tells data PostgreSQL refuses from a database that is away", () => {
    expect(classifyFailure(pgError("22008"))).toBe("permanent"); // datetime field overflow
    expect(classifyFailure(pgError("22P05"))).toBe("permanent"); // NUL in text
    expect(classifyFailure(pgError("23514"))).toBe("permanent");
    expect(classifyFailure(pgError("57P01"))).toBe("transient"); // admin shutdown
    expect(classifyFailure(pgError("08006"))).toBe("transient");
    expect(classifyFailure(pgError("40001"))).toBe("transient");
    expect(classifyFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe("transient");
  });

  it("reads kafkajs errors by name and their own retriable flag, through the retrier's wrapper", () => {
    expect(classifyFailure(kafkaError("KafkaJSConnectionError"))).toBe("transient");
    expect(classifyFailure(kafkaError("KafkaJSProtocolError", { retriable: false, code: 17, type: "INVALID_TOPIC_EXCEPTION" }))).toBe("permanent");
    expect(classifyFailure(kafkaError("KafkaJSProtocolError", { retriable: true, code: 5, type: "LEADER_NOT_AVAILABLE" }))).toBe("transient");
    const wrapped = kafkaError("KafkaJSNumberOfRetriesExceeded", { originalError: kafkaError("KafkaJSConnectionError") });
    expect(classifyFailure(wrapped)).toBe("transient");
  });

  it("reads Temporal's gRPC status codes", () => {
    expect(classifyFailure(Object.assign(new Error("unavailable"), { code: 14 }))).toBe("transient");
    expect(classifyFailure(Object.assign(new Error("service error"), { cause: Object.assign(new Error("bad"), { code: 3 }) }))).toBe("permanent");
  });

  it("does not guess about anything else", () => {
    expect(classifyFailure(new TypeError("x is undefined"))).toBe("unknown");
    expect(classifyFailure("a string")).toBe("unknown");
  });
});

describe("poisonGuard", () => {
  it("retries a transient fault for ever, sets aside a permanent one at once and an unknown one on its limit", () => {
    const g = poisonGuard(3);
    for (let i = 0; i < 10; i++) expect(g.judge("a", pgError("08006")).action).toBe("retry");
    expect(g.judge("b", pgError("22008")).action).toBe("set-aside");
    expect(g.judge("c", new Error("bug")).action).toBe("retry");
    expect(g.judge("c", new Error("bug")).action).toBe("retry");
    expect(g.judge("c", new Error("bug"))).toMatchObject({ action: "set-aside", tries: 3 });
    g.judge("d", new Error("bug"));
    g.succeeded("d");
    expect(g.judge("d", new Error("bug")).tries).toBe(1);
  });
});
