/**
 * Abuse limits: sign-in attempts per client IP and per e-mail, publishing (events, plans) per
 * user, each counted over a window and answered 429 with Retry-After and the API's error shape.
 * Counts live in this process (one API instance; replicas behind a load balancer would give
 * @fastify/rate-limit a shared store such as Redis). The routes are named here, in one table,
 * rather than in each route file, so the limits read as one policy.
 */
import rateLimit from "@fastify/rate-limit";
import { ErrorBody } from "@hub/contracts";
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler, preHandlerAsyncHookHandler } from "fastify";
import type { RateLimits } from "./env";
import { HttpError } from "./errors";

declare module "fastify" {
  interface FastifyInstance {
    /**
     * Counts `n` more publications of the caller against the per-user limit, beyond the one its
     * request was already counted as (a batch of n + 1 events is n + 1 publications). Returns how
     * many of the n fit in the window (the rest are refused), and for those, the answer's wording.
     */
    chargePublications(req: FastifyRequest, n: number): Promise<PublicationCharge>;
  }
}

export interface PublicationCharge {
  /** How many of the publications asked for may go ahead (the first ones). */
  allowed: number;
  /** For the refused ones: the sentence and the seconds until the window lets more through. */
  refusal?: { message: string; retryAfter: number };
}

interface Limit {
  /** Counted before the body is read (every attempt), or after validation (needs the body). */
  hook: "onRequest" | "preHandler";
  max: (l: RateLimits) => number;
  /** The counter's key; undefined: not counted. */
  key: (req: FastifyRequest) => string | undefined;
  /** What was done too often, for the message. */
  what: string;
}

const perIp: Limit = { hook: "onRequest", max: (l) => l.signInPerIp, key: (req) => req.ip, what: "sign-in attempts from your address" };
const perEmail: Limit = {
  hook: "preHandler",
  max: (l) => l.signInPerEmail,
  key: (req) => (req.body as { email?: string } | undefined)?.email?.toLowerCase(),
  what: "sign-in attempts for this e-mail",
};
// The auth hook (an application-level onRequest hook) has set the principal before a route's own
// hooks run. Events and plans share one count: both publish.
const perUser: Limit = {
  hook: "onRequest",
  max: (l) => l.publishPerUser,
  key: (req) => req.principal?.userId,
  what: "publications from your account",
};

const LIMITED: Record<string, Limit[]> = {
  "POST /v1/auth/dev-login": [perIp, perEmail],
  "POST /v1/events": [perUser],
  "POST /v1/plans": [perUser],
};

const asArray = <T>(h: T | T[] | undefined): T[] => (h === undefined ? [] : Array.isArray(h) ? h : [h]);

/** Registers the counters and attaches them to the limited routes; call before the routes are added. */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  await app.register(rateLimit, { global: false });
  const tooMany = (what: string, max: number, ttl: number) => `Too many ${what}: at most ${max} a minute. Try again in ${ttl} s.`;
  // One counter per limit (its own store), shared by every route the limit applies to and by
  // chargePublications.
  const checks = new Map<Limit, ReturnType<FastifyInstance["createRateLimit"]>>();
  const checkOf = (limit: Limit) => {
    let check = checks.get(limit);
    if (!check) {
      check = app.createRateLimit({ max: limit.max(limits), timeWindow: limits.windowMs, keyGenerator: (req) => limit.key(req) ?? "" });
      checks.set(limit, check);
    }
    return check;
  };
  const hooks = new Map<Limit, (req: FastifyRequest, reply: FastifyReply) => Promise<void>>();
  const hookOf = (limit: Limit) => {
    let hook = hooks.get(limit);
    if (!hook) {
      const check = checkOf(limit);
      hook = async (req, reply) => {
        if (limit.key(req) === undefined) return;
        const r = await check(req);
        if (r.isAllowed || !r.isExceeded) return;
        reply.header("retry-after", r.ttlInSeconds);
        throw new HttpError(429, tooMany(limit.what, r.max, r.ttlInSeconds));
      };
      hooks.set(limit, hook);
    }
    return hook;
  };
  // A batch of events is as many publications as it holds events: its request counted one (the
  // hook), the route charges the rest here, one at a time, on the same counter.
  app.decorate("chargePublications", async (req: FastifyRequest, n: number): Promise<PublicationCharge> => {
    if (perUser.key(req) === undefined) return { allowed: n };
    const check = checkOf(perUser);
    for (let i = 0; i < n; i++) {
      const r = await check(req);
      if (r.isAllowed || !r.isExceeded) continue;
      return { allowed: i, refusal: { message: tooMany(perUser.what, r.max, r.ttlInSeconds), retryAfter: r.ttlInSeconds } };
    }
    return { allowed: n };
  });
  app.addHook("onRoute", (route) => {
    const wanted = asArray(route.method).flatMap((m) => LIMITED[`${m} ${route.url}`] ?? []);
    if (wanted.length === 0) return;
    for (const limit of wanted) {
      if (limit.hook === "onRequest") route.onRequest = [...asArray(route.onRequest), hookOf(limit) as onRequestAsyncHookHandler];
      else route.preHandler = [...asArray(route.preHandler), hookOf(limit) as preHandlerAsyncHookHandler];
    }
    // The documented answers include the 429.
    if (route.schema) route.schema.response = { ...(route.schema.response as object), 429: ErrorBody };
  });
}
