/**
 * Support for the `workflow` tier's timer tests (*.workflow.test.ts), never imported by workflow
 * code: the worker's real workflow bundle on Temporal's time-skipping test server, with every
 * activity stubbed at the activity boundary, since this tier has no database. The stubs record
 * what the workflow asked for, and answer resolveTeam from the seeded directory as the worker
 * does from PostgreSQL. A test drives its task through the Updates the API and the router send
 * (services/api/src/workflow-commands.ts, services/router/src/router.ts) and moves the clock itself.
 * Node-only: biome.json exempts this file from the import rules of workflow code.
 */

import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Actor, AssignmentActionInput, EventRef, HandOverInput, JointTaskInput, Timing, WorkflowKind } from "@hub/contracts";
import { START_EVENT, workflowIdOfEvent } from "@hub/contracts";
import { DEFAULT_TASK_POLICY } from "@hub/contracts/core";
import { directoryOfFile, teamOf } from "@hub/db";
import { hubPaths, readStackEnv } from "@hub/devstack";
import { startTemporalTestServer } from "@hub/devstack/temporal-test-server";
import {
  assignmentActionUpdate,
  cancelUpdate,
  decideUpdate,
  deliverEventUpdate,
  handOverUpdate,
  type JointTaskActivities,
  snapshotQuery,
  type TaskSnapshot,
} from "@hub/joint-task";
import { SEED_DIRECTORY, USERS } from "@hub/seeds";
import type { UpdateDefinition, WorkflowHandle } from "@temporalio/client";
import proto from "@temporalio/proto";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, Runtime, Worker } from "@temporalio/worker";
import { KINDS } from "./index";
import { repoRoot, workflowsPath } from "./paths";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Production's task clock: a day lasts a day, and the router's defaults (services/router/src/env.ts). */
export const PRODUCTION_TIMING: Timing = { dayMs: DAY, approvalTimeoutDays: 3, reminderLeadDays: 2 };

/** The calendar day of an epoch time, `days` later (UTC, as the kernel counts). */
export const dayAfter = (epochMs: number, days = 0) => new Date(epochMs + days * DAY).toISOString().slice(0, 10);

/** How long after `from` something happened, to the minute ("3d 00h00m"): the test server's clock also runs between steps. */
export function elapsed(fromIso: string, toIso: string): string {
  const minutes = Math.round((Date.parse(toIso) - Date.parse(fromIso)) / MINUTE);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${Math.floor(minutes / 1440)}d ${pad(Math.floor((minutes % 1440) / 60))}h${pad(minutes % 60)}m`;
}

/** A seeded account as the API names it in commands. */
export function as(email: string): Actor {
  const user = USERS.find((u) => u.email === email);
  if (!user) throw new Error(`no seeded account ${email}`);
  return { email, org: user.org };
}

// ── the activities ─────────────────────────────────────────────────────────

type ActivityName = keyof JointTaskActivities;
type InputOf<A extends ActivityName> = Parameters<JointTaskActivities[A]>[0];
export interface Call<A extends ActivityName = ActivityName> {
  activity: A;
  input: InputOf<A>;
}

/** The seeded directory as the worker reads it from PostgreSQL (packages/db/src/orgs.ts). */
const directory = directoryOfFile(SEED_DIRECTORY);

/** Every activity of the kernel, each call recorded by workflow id; the writes succeed and store nothing. */
function recordingActivities(calls: Map<string, Call[]>): JointTaskActivities {
  const record = (activity: ActivityName) => async (input: { workflowId?: string }) => {
    const id = input.workflowId ?? "";
    calls.set(id, [...(calls.get(id) ?? []), { activity, input } as Call]);
  };
  return {
    openTask: record("openTask"),
    // As the worker reads it (services/worker/src/activities.ts), from the seeds instead of PostgreSQL.
    async resolveTeam({ country, lead }) {
      const { mission, missions, agencies, participants, hq, duties } = teamOf(directory, country, lead);
      return mission ? { mission, missions, agencies, participants, duties, ...(hq ? { hq } : {}) } : null;
    },
    requestApproval: record("requestApproval"),
    escalateApproval: record("escalateApproval"),
    recordDecision: record("recordDecision"),
    createAssignments: record("createAssignments"),
    recordAssignmentAction: record("recordAssignmentAction"),
    recordClaim: record("recordClaim"),
    addTimelineEntry: record("addTimelineEntry"),
    closeTask: record("closeTask"),
    cancelTask: record("cancelTask"),
    flagTask: record("flagTask"),
  };
}

// ── a task under test ──────────────────────────────────────────────────────

export interface TaskUnderTest {
  workflowId: string;
  handle: WorkflowHandle;
  /** What the workflow asked of its activities so far, in order; of one activity only when named. */
  calls<A extends ActivityName>(activity: A): InputOf<A>[];
  /** The timeline entries it wrote, of one action only when named ("assignment.overdue"). */
  timeline(action?: string): InputOf<"addTimelineEntry">[];
  /** The first call of `activity` that matches, once the workflow made it (waits in real time, not on the task clock). */
  next<A extends ActivityName>(activity: A, match?: (input: InputOf<A>) => boolean): Promise<InputOf<A>>;
  snapshot(): Promise<TaskSnapshot>;
  /** The pending approval's decision, as `POST /v1/approvals/:id/decision` sends it. */
  decide(decision: "approve" | "reject" | "request_changes", actor: Actor, comment?: string): Promise<void>;
  /** An action on the assignment with this key, as `POST /v1/assignments/:id/:action` sends it. */
  act(key: string, action: AssignmentActionInput["action"], actor: Actor, extra?: { text?: string; outcome?: string }): Promise<void>;
  /** An event for the running task, as the router delivers it. */
  deliver(type: string, source: string, data: unknown): Promise<void>;
  cancel(reason: string, actor: Actor): Promise<void>;
  /** The pending step passed on because its head left, as the API's vacancy sweep sends it. */
  handOver(to: HandOverInput["to"], reason: string): Promise<void>;
}

export interface TimeSkippingHub {
  env: TestWorkflowEnvironment;
  /** Starts a task as the router does for its start event, on the production task clock unless told otherwise. */
  start(kind: WorkflowKind, data: { country: string }, o?: { source?: string; publishedBy?: Actor | null; timing?: Timing }): Promise<TaskUnderTest>;
  /** The test server's clock. */
  now(): Promise<number>;
  /** Moves the clock on by `ms`; every timer due meanwhile fires, in order, and its workflow task runs. */
  skip(ms: number): Promise<void>;
  /** Moves the clock on to `epochMs` (never back). */
  skipTo(epochMs: number): Promise<void>;
  /** Moves the clock on to the next `hour`:00 UTC, so a test's days never straddle midnight by chance. */
  skipToNext(hour: number): Promise<number>;
  /** Terminates the tasks the test left running, so their timers stay out of the next test's skips. */
  endTasks(): Promise<void>;
  teardown(): Promise<void>;
}

const TASK_QUEUE = "time-skipping";
/** How long `next` waits for a call in real time: a busy 2-core machine may take seconds for one workflow task. */
const WAIT_MS = 30_000;

/**
 * createFromExistingServer with the test service, hence time skipping. The public constructors
 * either start the server themselves (createTimeSkipping allows it 5 s, too little for a JVM on a
 * busy machine; packages/devstack/src/temporal-test-server.ts starts it instead) or connect
 * without the test service. @temporalio/testing is pinned at 1.24.0, whose private `create` does both.
 */
const connectTimeSkipping = (address: string) =>
  (TestWorkflowEnvironment as unknown as { create(o: object): Promise<TestWorkflowEnvironment> }).create({
    server: { type: "existing" },
    address,
    supportsTimeSkipping: true,
  });

/**
 * The test server (fetched and cached on first use), the workflow bundle, and a worker on it.
 * Bundling is the slow part (several seconds): one hub per test file.
 */
export async function startTimeSkippingHub(): Promise<TimeSkippingHub> {
  Runtime.install({
    logger: new DefaultLogger("WARN"),
    // Core's warnings, but not the one the worker logs at every start on the test server (it does
    // not advertise a capability a full server does); a failing workflow task is still shown.
    telemetryOptions: {
      logging: {
        filter: `${makeTelemetryFilterString({ core: "WARN" })},temporalio_sdk_core::worker=ERROR,temporalio_sdk_core::worker::workflow=WARN`,
      },
    },
  });
  const { cacheDir } = hubPaths(readStackEnv(), repoRoot);
  const [server, bundle] = await Promise.all([
    startTemporalTestServer(cacheDir, (line) => console.log(line)),
    bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger("WARN") }),
  ]);
  const env = await connectTimeSkipping(server.address);
  const calls = new Map<string, Call[]>();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowBundle: bundle,
    activities: recordingActivities(calls),
  });
  const running = worker.run();
  const started: WorkflowHandle[] = [];
  let seq = 0;

  const now = () => env.currentTimeMs();
  const skipTo = async (epochMs: number) => {
    const ms = epochMs - (await now());
    if (ms > 0) await env.sleep(ms);
  };

  function task(workflowId: string, handle: WorkflowHandle): TaskUnderTest {
    const mine = () => calls.get(workflowId) ?? [];
    const callsOf = <A extends ActivityName>(activity: A) => mine().flatMap((c) => (c.activity === activity ? [c.input as InputOf<A>] : []));
    const update = <A>(def: UpdateDefinition<void, [A]>, arg: A) => handle.executeUpdate(def, { args: [arg] });
    const t: TaskUnderTest = {
      workflowId,
      handle,
      calls: callsOf,
      timeline: (action) => callsOf("addTimelineEntry").filter((e) => action === undefined || e.action === action),
      async next(activity, match = () => true) {
        const deadline = Date.now() + WAIT_MS;
        for (;;) {
          const found = callsOf(activity).find(match);
          if (found) return found;
          if (Date.now() > deadline) throw new Error(`${workflowId} made no matching ${activity} call within ${WAIT_MS / 1000} s of real time`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      snapshot: () => handle.query(snapshotQuery),
      async decide(decision, actor, comment) {
        const approval = (await t.snapshot()).approval;
        if (!approval) throw new Error(`${workflowId} has no approval to decide`);
        await update(decideUpdate, { approvalId: approval.id, decision, actor, ...(comment ? { comment } : {}) });
      },
      async act(key, action, actor, extra = {}) {
        const a = (await t.snapshot()).assignments.find((x) => x.key === key);
        if (!a) throw new Error(`${workflowId} has no assignment ${key}`);
        await update(assignmentActionUpdate, { assignmentId: a.id, action, actor, ...extra });
      },
      async deliver(type, source, data) {
        const event: EventRef = { id: `evt-${++seq}`, source, type, time: new Date(await now()).toISOString(), data, publishedBy: null };
        await update(deliverEventUpdate, event);
      },
      cancel: (reason, actor) => update(cancelUpdate, { reason, actor }),
      async handOver(to, reason) {
        const approval = (await t.snapshot()).approval;
        if (!approval) throw new Error(`${workflowId} has no approval to pass on`);
        await update(handOverUpdate, { approvalId: approval.id, to, reason });
      },
    };
    return t;
  }

  return {
    env,
    async start(kind, data, o = {}) {
      const type = START_EVENT[kind];
      const workflowId = workflowIdOfEvent(type, data);
      // Published by the country's leading mission unless told otherwise (a mission's own plan names its mission).
      const source = o.source ?? teamOf(directory, data.country).mission ?? "";
      const event: EventRef = { id: `evt-${++seq}`, source, type, time: new Date(await now()).toISOString(), data };
      const input: JointTaskInput = { event, publishedBy: o.publishedBy ?? null, timing: o.timing ?? PRODUCTION_TIMING, policy: DEFAULT_TASK_POLICY };
      const handle = await env.client.workflow.start(KINDS[kind].workflowType, { workflowId, taskQueue: TASK_QUEUE, args: [input] });
      started.push(handle);
      return task(workflowId, handle);
    },
    now,
    skip: (ms) => env.sleep(ms),
    skipTo,
    async skipToNext(hour) {
      const t = await now();
      const today = Date.parse(`${dayAfter(t)}T00:00:00Z`) + hour * HOUR;
      const target = today > t ? today : today + DAY;
      await skipTo(target);
      return target;
    },
    async endTasks() {
      for (const h of started.splice(0)) await h.terminate("the test is over").catch(() => undefined);
    },
    async teardown() {
      worker.shutdown();
      await running;
      await env.teardown();
      await server.stop();
    },
  };
}

/**
 * With HUB_RECORD_HISTORY=1, writes a task's history so far into its kind's folder for the replay
 * tests (workflows/<kind>/histories/<name>.binpb), as scripts/record-history.ts does from the
 * local stack: for histories only skipped time reaches (Updates days apart). Off by default: the
 * files are committed once, not rewritten on every run.
 */
export async function recordHistoryIfAsked(task: TaskUnderTest, kind: WorkflowKind, name: string): Promise<void> {
  if (process.env.HUB_RECORD_HISTORY !== "1") return;
  const history = await task.handle.fetchHistory();
  const file = path.join(repoRoot, "workflows", kind, "histories", `${name}.binpb`);
  writeFileSync(file, proto.temporal.api.history.v1.History.encode(history).finish());
  console.log(`wrote ${history.events?.length ?? 0} events to ${path.relative(repoRoot, file)}`);
}
