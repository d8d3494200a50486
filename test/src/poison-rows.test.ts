/**
 * Issue 17, §1: no single row or message can stop the hub. An instant outside 1900–2199 is
 * refused at every boundary (HTTP: 400 with the field path; Kafka: a dead letter with the
 * reason), checked on random RFC 3339 strings; rows written straight into the database,
 * bypassing the API — an event from 1 BC, a message Kafka refuses, a notice no template can
 * write, a subscription whose receiver cannot be reached — are set aside with their reason,
 * and what comes behind them still becomes tasks, mails and deliveries. Reads show a stored
 * value they cannot hold as it is, never a 500.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CHANGE_EVENT_TYPES, eventTopics, TIME_WINDOW, TRADE_RESTRICTION_DETECTED } from "@hub/contracts";
import { createDb, jsonb, sql } from "@hub/db";
import { connectKafka, createProducer } from "@hub/kafka";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, cfg, decidedEvent, detectedEvent, eventually, login, openCase, uniqueRef, workflowIdOf } from "./support/hub";
import { mailArrives } from "./support/mailpit";

const db = createDb(cfg.service.databaseUrl, { max: 2 });
afterAll(() => db.close());

const tokens: Record<string, string> = {};
beforeAll(async () => {
  for (const who of ["kotra.us", "hq", "admin"]) tokens[who] = await login(`${who}@teamkorea.dev`);
});

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** Mostly `usual`, now and then `odd`: fields in range most of the time, so both outcomes are common. */
const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) => fc.oneof({ weight: 20, arbitrary: usual }, { weight: 1, arbitrary: odd });

/**
 * RFC 3339-shaped strings, many of them near the edges that matter: years 0000–0001, 1899–1900,
 * 2199–2200 and 9999, offsets that carry an instant across a year, fractions longer than a
 * millisecond; now and then a field out of range or a separator RFC 3339 does not allow.
 */
const timestamp = fc
  .record({
    year: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 1900, max: 2199 }) },
      { weight: 1, arbitrary: fc.constantFrom(0, 1, 1899, 1900, 2199, 2200, 9999) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 9999 }) },
    ),
    month: mostly(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 13)),
    day: mostly(fc.integer({ min: 1, max: 28 }), fc.constantFrom(0, 29, 30, 31, 32)),
    hour: mostly(fc.integer({ min: 0, max: 23 }), fc.constant(24)),
    minute: mostly(fc.integer({ min: 0, max: 59 }), fc.constant(60)),
    second: mostly(fc.integer({ min: 0, max: 59 }), fc.constant(60)),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,12}$/), { nil: undefined }),
    offset: mostly(
      fc.oneof(
        fc.constant("Z"),
        fc
          .record({ sign: fc.constantFrom("+", "-"), h: fc.integer({ min: 0, max: 23 }), m: fc.constantFrom(0, 30, 45, 59) })
          .map(({ sign, h, m }) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
      ),
      fc.constantFrom("z", "", "+0900", "+24:00", "-00:60"),
    ),
    separator: mostly(fc.constant("T"), fc.constantFrom("t", " ")),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}${t.separator}${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}` +
      `${t.fraction === undefined ? "" : `.${t.fraction}`}${t.offset}`,
  );

/** A calendar date near the window's edges, or any year at all. */
const day = fc
  .record({
    year: fc.oneof(fc.constantFrom(0, 1, 1899, 1900, 2199, 2200, 9999), fc.integer({ min: 0, max: 9999 })),
    month: fc.integer({ min: 0, max: 13 }),
    date: fc.integer({ min: 0, max: 32 }),
  })
  .map((d) => `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.date, 2)}`);

const canonical = (s: string) => new Date(Date.parse(s)).toISOString();
const inWindow = (s: string) => {
  const ms = Date.parse(s);
  return ms >= TIME_WINDOW.from && ms < TIME_WINDOW.until;
};

/** The event as GET /v1/events lists it to this user, paging back from the newest (other tests publish meanwhile). */
async function listedEvent(token: string, id: string, type: string): Promise<{ id: string; time: string } | undefined> {
  let cursor: string | null = null;
  for (let page = 0; page < 10; page++) {
    const r: { status: number; body: any } = await call(
      "GET",
      `/v1/events?type=${encodeURIComponent(type)}&limit=200${cursor ? `&cursor=${cursor}` : ""}`,
      { token },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const found = r.body.items.find((e: { id: string }) => e.id === id);
    if (found || !r.body.nextCursor) return found;
    cursor = r.body.nextCursor;
  }
  return undefined;
}

/** A decision on a case nobody opened: accepted and logged, then dead-lettered by the router — no workflow is started. */
function timedEvent(time: string) {
  return { ...decidedEvent({ caseRef: uniqueRef("TIME") }), time };
}

describe("instants and dates at the boundaries", () => {
  it("refuses the times of the report with a 400 naming the field", async () => {
    for (const time of ["0001-01-01T00:00:00+01:00", "0000-01-01T00:00:00Z", "2200-01-01T00:00:00Z", "1899-12-31T23:59:59+00:00"]) {
      const r = await call("POST", "/v1/events", { token: tokens["kotra.us"], body: timedEvent(time) });
      expect(r.status, `${time}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.issues.map((i: { path: string }) => i.path)).toContain("body.time");
    }
    for (const [path, field, value] of [
      ["/v1/workflows", "from", "0000-01-01"],
      ["/v1/workflows", "to", "0000-12-31"],
      ["/v1/overview", "from", "0000-01-01"],
    ] as const) {
      const r = await call("GET", `${path}?${field}=${value}`, { token: tokens.hq });
      expect(r.status, `${path}?${field}=${value}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(JSON.stringify(r.body)).toContain(field);
    }
  });

  it("stores and reads back exactly, or refuses with a 400, any RFC 3339 string sent over HTTP", async () => {
    const outcomes = { stored: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(timestamp, async (time) => {
        const event = timedEvent(time);
        const r = await call("POST", "/v1/events", { token: tokens["kotra.us"], body: event });
        outcomes[r.status === 400 ? "refused" : "stored"]++;
        if (r.status === 400) {
          expect(r.body.issues.map((i: { path: string }) => i.path)).toContain("body.time");
          return;
        }
        expect(r.status, `${time}: ${JSON.stringify(r.body)}`).toBe(202);
        expect(inWindow(time), `${time} was accepted outside the window`).toBe(true);
        const stored = await db.one<{ time: Date }>(sql`SELECT time FROM events WHERE source = 'KOTRA-US' AND event_id = ${event.id}`);
        expect(stored?.time.toISOString(), time).toBe(canonical(time));
        expect((await listedEvent(tokens["kotra.us"] as string, event.id, event.type))?.time, time).toBe(canonical(time));
      }),
      { numRuns: 80 },
    );
    // The generator reaches both sides of the boundary, not one of them only.
    expect(outcomes.stored, JSON.stringify(outcomes)).toBeGreaterThan(10);
    expect(outcomes.refused, JSON.stringify(outcomes)).toBeGreaterThan(10);
  }, 180_000);

  it("answers 200 or a 400 naming the field, never a 500, for any date in the lists' filters", async () => {
    await fc.assert(
      fc.asyncProperty(day, fc.constantFrom("/v1/workflows", "/v1/overview"), fc.constantFrom("from", "to"), async (d, path, field) => {
        const r = await call("GET", `${path}?${field}=${d}`, { token: tokens.hq });
        expect([200, 400], `${path}?${field}=${d}: ${r.status} ${JSON.stringify(r.body)}`).toContain(r.status);
        if (r.status === 400) expect(JSON.stringify(r.body.issues ?? r.body)).toContain(field);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it("dead-letters an event straight from Kafka whose time is outside the window, and logs one inside it as the same instant", async () => {
    const kafka = connectKafka({ brokers: cfg.service.kafkaBrokers, sasl: cfg.service.kafkaSasl, clientId: "poison-rows-test" });
    const producer = await createProducer(kafka);
    const topic = eventTopics(cfg.service.topicPrefix)[0] as string;
    const sent = fc.sample(timestamp, 25).map((time) => ({ time, event: timedEvent(time) }));
    try {
      await producer.send(sent.map(({ event }) => ({ topic, key: "US", value: JSON.stringify(event) })));
    } finally {
      await producer.disconnect();
    }
    for (const { time, event } of sent) {
      // Either way the router parks it in the end (no open case takes the decision): what differs is why.
      const letter = await eventually(`the message with time ${time} handled`, async () => {
        const r = await db.one<{ reason: string }>(sql`SELECT reason FROM dead_letters WHERE payload LIKE ${`%${event.id}%`}`);
        return r ?? undefined;
      });
      const logged = await db.one<{ time: Date }>(sql`SELECT time FROM events WHERE source = 'KOTRA-US' AND event_id = ${event.id}`);
      if (/\btime must\b/.test(letter.reason)) {
        expect(logged, `${time} was refused yet logged`).toBeNull();
      } else {
        expect(inWindow(time), `${time} passed outside the window: ${letter.reason}`).toBe(true);
        expect(logged?.time.toISOString(), time).toBe(canonical(time));
      }
    }
  }, 120_000);
});

describe("rows written past the API", () => {
  it("parks an outbox row Kafka refuses, dead-letters an event from 1 BC, shows it in the lists, and routes what comes after", async () => {
    const marker = uniqueRef("POISON");
    // A message for a topic Kafka cannot have (its name holds a space): refused for good.
    const bad = await db.one<{ id: string }>(sql`
      INSERT INTO outbox (topic, key, payload) VALUES (${`${cfg.service.topicPrefix}bad topic ${marker}`}, 'US', ${jsonb({ marker })}::jsonb)
      RETURNING id::text AS id`);
    // An event whose time is in 1 BC (0001-01-01T00:00:00+01:00 in UTC), written into the log and
    // the outbox as the API once did: it used to stall the relay ("Invalid time value") for everyone.
    const ancient = detectedEvent({ caseRef: uniqueRef("ANCIENT") });
    await db.run(sql`
      WITH e AS (
        INSERT INTO events (source, event_id, type, time, country, data, workflow_id)
        VALUES ('KOTRA-US', ${ancient.id}, ${ancient.type}, '0001-12-31 23:00:00 BC'::timestamp, 'US', ${jsonb(ancient.data)}::jsonb,
                ${workflowIdOf("US", ancient.data.caseRef)})
        RETURNING seq)
      INSERT INTO outbox (topic, key, event_seq) SELECT ${eventTopics(cfg.service.topicPrefix)[0] as string}, 'US', seq FROM e`);
    // And one at PostgreSQL's 'infinity', which no JavaScript date holds: read as the last instant one can.
    const endless = detectedEvent({ caseRef: uniqueRef("ENDLESS") });
    await db.run(sql`
      INSERT INTO events (source, event_id, type, time, country, data, workflow_id)
      VALUES ('KOTRA-US', ${endless.id}, ${endless.type}, 'infinity'::timestamp, 'US', ${jsonb(endless.data)}::jsonb,
              ${workflowIdOf("US", endless.data.caseRef)})`);

    // Behind all of them, an ordinary event still becomes a task.
    const after = uniqueRef("AFTER-POISON");
    await openCase(after);

    const parked = await eventually("the refused row parked", async () => {
      const r = await call("GET", "/v1/outbox/parked?limit=200", { token: tokens.admin });
      return r.body.items?.find((p: { id: string }) => p.id === bad?.id);
    });
    expect(parked.reason).toMatch(/Kafka refused the message/);
    expect(parked.topic).toContain("bad topic");
    // HQ reads them; only an admin releases one, and it comes back parked (the topic still cannot exist).
    expect((await call("GET", "/v1/outbox/parked", { token: tokens.hq })).status).toBe(200);
    expect((await call("GET", "/v1/outbox/parked", { token: tokens["kotra.us"] })).status).toBe(403);
    expect((await call("POST", `/v1/outbox/parked/${parked.id}/release`, { token: tokens.hq })).status).toBe(403);
    expect((await call("POST", `/v1/outbox/parked/${parked.id}/release`, { token: tokens.admin })).status).toBe(202);
    await eventually("the released row parked again", async () => {
      const r = await db.one<{ attempts: number; parked: boolean }>(
        sql`SELECT attempts, parked_at IS NOT NULL AS parked FROM outbox WHERE id = ${parked.id}::bigint`,
      );
      return r?.parked && r.attempts >= 2;
    });
    // Parked again, it can be released again; one that waits or was published cannot.
    expect((await call("POST", `/v1/outbox/parked/${bad?.id}/release`, { token: tokens.admin })).status).toBe(202);
    const published = await db.one<{ id: string }>(sql`SELECT id::text AS id FROM outbox WHERE published_at IS NOT NULL ORDER BY id DESC LIMIT 1`);
    expect((await call("POST", `/v1/outbox/parked/${published?.id}/release`, { token: tokens.admin })).status).toBe(409);

    const letter = await eventually("the event from 1 BC dead-lettered", async () => {
      const r = await call("GET", "/v1/dead-letters?limit=200", { token: tokens.admin });
      return r.body.items?.find((d: { payload: string }) => d.payload.includes(ancient.id));
    });
    expect(letter.reason).toContain("time must lie between 1900");

    // The row stays in the log; every list that shows it answers, with the instant as stored.
    for (const who of ["kotra.us", "hq"]) {
      expect((await listedEvent(tokens[who] as string, ancient.id, ancient.type))?.time).toBe("0000-12-31T23:00:00.000Z");
      expect((await listedEvent(tokens[who] as string, endless.id, endless.type))?.time).toBe("+275760-09-13T00:00:00.000Z");
      expect((await call("GET", "/v1/events?limit=200", { token: tokens[who] })).status).toBe(200);
      expect((await call("GET", "/v1/board?country=US", { token: tokens[who] })).status).toBe(200);
    }
    const hub = await call("GET", `/v1/workflows/${encodeURIComponent(workflowIdOf("US", after))}`, { token: tokens.hq });
    expect(hub.status).toBe(200);
  }, 120_000);

  it("parks a notice no template can write and still sends the ones behind it", async () => {
    const hq = await db.one<{ id: string }>(sql`SELECT id FROM users WHERE email = 'hq@teamkorea.dev'`);
    const poison = await db.one<{ id: string }>(sql`
      INSERT INTO notices (recipient_id, email, timeline_id, workflow_id, kind, data, due_at)
      VALUES (${hq?.id}::uuid, 'hq@teamkorea.dev', ${Date.now() * 1000}, 'trade-restriction:US:NOT-A-TASK', 'not-a-kind', '{}'::jsonb, now())
      RETURNING id::text AS id`);
    const caseRef = uniqueRef("NOTICE-AFTER");
    await openCase(caseRef);
    await mailArrives("head.us@teamkorea.dev", caseRef, "[팀코리아] 결재 요청:");
    const parked = await eventually("the poison notice parked", async () => {
      const r = await call("GET", "/v1/notices/parked?limit=500", { token: tokens.admin });
      return r.body.items?.find((n: { id: string }) => n.id === poison?.id);
    });
    expect(parked.reason).toContain("cannot be written");
  }, 90_000);

  it("keeps delivering to a subscriber while another subscription's receiver cannot even be addressed", async () => {
    const received: string[] = [];
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push(Buffer.concat(chunks).toString("utf8"));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/poison-test`;
    const types = [TRADE_RESTRICTION_DETECTED, CHANGE_EVENT_TYPES.task];
    const made: string[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const r = await call("POST", "/v1/subscriptions", { token: tokens.admin, body: { url, types } });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        made.push(r.body.id);
      }
      // The first one's receiver becomes an address no client can parse, written past the API's check.
      await db.run(sql`UPDATE subscriptions SET url = 'http://[::1' WHERE id = ${made[0]}::uuid`);
      const caseRef = uniqueRef("SUB-AFTER");
      await openCase(caseRef);
      await eventually("the healthy subscription's delivery", async () => received.some((b) => b.includes(caseRef)));
      const poison = await eventually("the poison delivery tried and set back", async () => {
        const r = await db.one<{ attempts: number; last_error: string | null; later: boolean }>(sql`
          SELECT attempts, last_error, next_attempt_at > now() AS later FROM subscription_deliveries
          WHERE subscription_id = ${made[0]}::uuid AND body LIKE ${`%${caseRef}%`}`);
        return r && r.attempts >= 1 && r.last_error ? r : undefined;
      });
      expect(poison.later).toBe(true);
    } finally {
      for (const id of made) await call("DELETE", `/v1/subscriptions/${id}`, { token: tokens.admin });
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    }
  }, 90_000);
});
