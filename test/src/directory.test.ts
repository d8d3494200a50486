/**
 * The directory people manage, through the real stack: an admin's import of the whole directory
 * file (the export plus what is new) shows its diff in a dry run and stores nothing; applied, it
 * changes exactly that and audits each change; applied again it changes nothing; a bad file is
 * refused with every problem named and nothing stored. Access follows the posting current today:
 * a deactivated person's existing token is refused on the very next request, and a person whose
 * posting at one office ended yesterday and whose posting at another started today works in the
 * new office's inbox and gets a 404 for the old one's task; someone moved today is still shown at the
 * old office in what they did there. A closed organisation takes no new work.
 *
 * Two test countries (XA and XB, codes ISO 3166 leaves for private use) with an embassy and a KOTRA
 * office each are added once and kept; the people are new on every run.
 */
import { randomUUID } from "node:crypto";
import { createDb, sql } from "@hub/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { act, apiUrl, call, cfg, decide, detectedEvent, eventually, historyOf, login, taskIn, taskOf, uniqueRef, workflowIdOf } from "./support/hub";

const run = Date.now().toString(36);
const email = (who: string) => `dir-${run}.${who}@teamkorea.dev`;
const today = new Date().toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

const testOrgs = ["XA", "XB"].flatMap((cc) => [
  {
    code: `EMB-${cc}`,
    kind: "MISSION",
    missionKind: "EMBASSY",
    nameKo: `시험국 ${cc} 대사관`,
    nameEn: `Test embassy ${cc}`,
    country: cc,
    network: "MOFA",
    timeZone: "Europe/London",
    leadsTeam: true,
    teamLead: null,
    closed: false,
    actingHead: null,
  },
  {
    code: `KOTRA-${cc}`,
    kind: "AGENCY",
    missionKind: null,
    nameKo: `KOTRA 시험 ${cc}`,
    nameEn: `KOTRA test ${cc}`,
    country: cc,
    network: "KOTRA",
    timeZone: "Europe/London",
    leadsTeam: false,
    teamLead: null,
    closed: false,
    actingHead: null,
  },
]);
const person = (who: string, postings: { org: string; role: string; from?: string; until?: string | null }[], active = true) => ({
  email: email(who),
  name: `Directory test ${who}`,
  nameKo: null,
  active,
  postings: postings.map((p) => ({ from: "2019-01-01", until: null, ...p })),
});
const testPeople = () => [
  person("head-xa", [{ org: "EMB-XA", role: "MISSION_HEAD" }]),
  person("staff-xa", [{ org: "EMB-XA", role: "MISSION_STAFF" }]),
  person("head-xb", [{ org: "EMB-XB", role: "MISSION_HEAD" }]),
  person("staff-xb", [{ org: "EMB-XB", role: "MISSION_STAFF" }]),
  // Rotated: KOTRA's office in XA until yesterday, its office in XB from today.
  person("rotated", [
    { org: "KOTRA-XA", role: "AGENCY_STAFF", until: yesterday },
    { org: "KOTRA-XB", role: "AGENCY_STAFF", from: today },
  ]),
  person("leaver", [{ org: "KOTRA-XA", role: "AGENCY_STAFF" }]),
];

let admin: string;
const exported = async () => {
  const r = await call("GET", "/v1/admin/directory/export", { token: admin });
  expect(r.status).toBe(200);
  return r.body;
};
const importFile = (file: unknown, dryRun: boolean) => call("POST", `/v1/admin/directory/import?dryRun=${dryRun}`, { token: admin, body: file });
/** The directory as it is, with the test organisations (if not there yet) and these people added. */
async function withTestRows(people: unknown[]) {
  const file = await exported();
  const codes = new Set(file.organizations.map((o: any) => o.code));
  return { ...file, organizations: [...file.organizations, ...testOrgs.filter((o) => !codes.has(o.code))], people: [...file.people, ...people] };
}
const keys = (changes: any[]) => changes.map((c) => `${c.action} ${c.entity} ${c.key}`).sort();

beforeAll(async () => {
  admin = await login("admin@teamkorea.dev");
});

describe("importing the directory file", () => {
  let applied: any;

  it("dry run: shows exactly what would be added, and stores nothing", async () => {
    const before = await exported();
    const file = await withTestRows(testPeople());
    const r = await importFile(file, true);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const people = testPeople();
    const expected = [
      ...testOrgs.filter((o) => !before.organizations.some((b: any) => b.code === o.code)).map((o) => `add organization ${o.code}`),
      ...people.map((p) => `add person ${p.email}`),
      ...people.flatMap((p) => p.postings.map((x) => `add posting ${p.email}/${x.org}/${x.role}/${x.from}`)),
    ].sort();
    expect(keys(r.body.changes)).toEqual(expected);
    expect(r.body).toMatchObject({ dryRun: true, batch: null, summary: { added: expected.length, changed: 0, closed: 0, removed: 0 } });
    expect(await exported()).toEqual(before);
  });

  it("apply: changes exactly what the dry run showed, in one audited batch; the export then says what the file said", async () => {
    const file = await withTestRows(testPeople());
    const dry = await importFile(file, true);
    applied = await importFile(file, false);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.dryRun).toBe(false);
    expect(applied.body.batch).toMatch(/^[0-9a-f-]{36}$/);
    expect(applied.body.changes).toEqual(dry.body.changes);
    const after = await exported();
    for (const p of testPeople()) expect(after.people).toContainEqual(p);
    for (const o of testOrgs) expect(after.organizations).toContainEqual(o);
  });

  it("a second apply of the same file changes nothing", async () => {
    const again = await importFile(await withTestRows([]), false);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ dryRun: false, batch: null, summary: { added: 0, changed: 0, closed: 0, removed: 0 }, changes: [] });
  });

  it("audits every change of the batch: who, when, what, before and after", async () => {
    const rows: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await call("GET", `/v1/admin/directory/audit?limit=200${cursor ? `&cursor=${cursor}` : ""}`, { token: admin });
      expect(page.status).toBe(200);
      rows.push(...page.body.items.filter((i: any) => i.batch === applied.body.batch));
      cursor = rows.length < applied.body.changes.length ? page.body.nextCursor : null;
    } while (cursor);
    expect(rows).toHaveLength(applied.body.changes.length);
    expect(keys(rows)).toEqual(keys(applied.body.changes));
    for (const row of rows) {
      expect(row).toMatchObject({ actor: "admin@teamkorea.dev", actorOrg: "MOFA", action: "add", before: null });
      expect(Date.parse(row.at)).toBeGreaterThan(Date.now() - 120_000);
    }
    const posting = rows.find((r) => r.entity === "posting" && r.key.startsWith(email("rotated")) && r.key.includes("KOTRA-XB"));
    expect(posting.after).toEqual({ org: "KOTRA-XB", role: "AGENCY_STAFF", from: today, until: null });
  });

  it("refuses a file with an unknown team lead, a duplicate code and two current postings of one person, naming each; nothing stored", async () => {
    const before = await exported();
    const file = await withTestRows([
      person("twice", [
        { org: "EMB-XA", role: "MISSION_STAFF" },
        { org: "EMB-XB", role: "MISSION_STAFF", from: today },
      ]),
    ]);
    const kotra = file.organizations.findIndex((o: any) => o.code === "KOTRA-XA");
    file.organizations[kotra] = { ...file.organizations[kotra], teamLead: "CG-NOWHERE" };
    file.organizations.push({ ...testOrgs[0], nameEn: "A second EMB-XA" });
    const dup = file.organizations.length - 1;
    const twice = file.people.length - 1;
    for (const dryRun of [true, false]) {
      const r = await importFile(file, dryRun);
      expect(r.status).toBe(400);
      expect(r.body.issues).toEqual(
        expect.arrayContaining([
          { path: `body.organizations.${dup}.code`, message: expect.stringContaining("appears twice") },
          { path: `body.organizations.${kotra}.teamLead`, message: "names CG-NOWHERE, which is not an organisation of the file" },
          { path: `body.people.${twice}.postings.1.from`, message: expect.stringContaining("at most one current posting") },
        ]),
      );
      expect(r.body.issues).toHaveLength(3);
      expect(r.body.message).toContain("nothing was changed");
    }
    expect(await exported()).toEqual(before);
  });

  it("refuses a row its schema refuses, naming the field (an unknown time zone, a field the format does not have)", async () => {
    const file = await withTestRows([]);
    file.organizations[0] = { ...file.organizations[0], timeZone: "Mars/Olympus_Mons" };
    file.people[0] = { ...file.people[0], phone: "+82" };
    const r = await importFile(file, true);
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: any) => i.path)).toEqual(expect.arrayContaining(["body.organizations.0.timeZone", "body.people.0"]));
  });
});

describe("access follows the posting current today", () => {
  it("a deactivated person's existing token is refused on the very next request, and so is signing in", async () => {
    const token = await login(email("leaver"));
    expect((await call("GET", "/v1/me", { token })).status).toBe(200);
    const file = await exported();
    const i = file.people.findIndex((p: any) => p.email === email("leaver"));
    file.people[i] = { ...file.people[i], active: false };
    const r = await importFile(file, false);
    expect(r.body.changes).toEqual([expect.objectContaining({ action: "close", entity: "person", key: email("leaver") })]);
    const next = await call("GET", "/v1/me", { token });
    expect(next.status).toBe(401);
    expect(next.body.message).toBe("This account has been deactivated: ask your organisation's hub administrator");
    expect((await call("GET", "/v1/assignments", { token })).status).toBe(401);
    const again = await call("POST", "/v1/auth/dev-login", { body: { email: email("leaver") } });
    expect(again.status).toBe(401);
  });

  it("a person's open live stream closes when they leave, with a sentence saying why", async () => {
    const who = "streamer";
    const file = await exported();
    const added = await importFile({ ...file, people: [...file.people, person(who, [{ org: "EMB-XA", role: "MISSION_STAFF" }])] }, false);
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const ticket = await call("POST", "/v1/stream/ticket", { token: await login(email(who)) });
    expect(ticket.status).toBe(200);
    const res = await fetch(`${apiUrl}/v1/stream?ticket=${ticket.body.ticket}`, { signal: AbortSignal.timeout(30_000) });
    expect(res.status).toBe(200);
    const body = (async () => {
      let text = "";
      for await (const chunk of res.body!.pipeThrough(new TextDecoderStream())) text += chunk;
      return text;
    })();
    const now = await exported();
    const i = now.people.findIndex((p: any) => p.email === email(who));
    now.people[i] = { ...now.people[i], active: false };
    expect((await importFile(now, false)).status).toBe(200);
    // The server ends the stream (the read finishes) well before the 30 s abort.
    const text = await body;
    expect(text).toContain("event: revoked");
    expect(text).toContain("your posting has ended or your account was deactivated");
  });

  /** A trade-restriction task in the test country, approved by its head: its KOTRA office gets an assignment. */
  async function approvedTask(cc: "XA" | "XB") {
    const caseRef = uniqueRef(`DIR-${cc}`);
    const posted = await call("POST", "/v1/events", {
      token: await login(email(`staff-${cc.toLowerCase()}`)),
      body: detectedEvent({ source: `EMB-${cc}`, country: cc, caseRef }),
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    const workflowId = workflowIdOf(cc, caseRef);
    const head = email(`head-${cc.toLowerCase()}`);
    const approval = await eventually(`the approval of ${workflowId}`, async () => {
      const r = await call("GET", "/v1/approvals?status=pending&limit=200", { token: await login(head) });
      return r.body.items?.find((a: any) => a.workflowId === workflowId);
    });
    expect((await decide(head, approval.id, "approve")).status).toBe(200);
    return workflowId;
  }

  it("rotated yesterday: the new office's inbox is theirs, the old office's task is a 404", async () => {
    const [oldTask, newTask] = [await approvedTask("XA"), await approvedTask("XB")];
    const token = await login(email("rotated"));
    const me = await call("GET", "/v1/me", { token });
    expect(me.body).toMatchObject({ role: "AGENCY_STAFF", org: { code: "KOTRA-XB", country: "XB" } });
    const mine = await eventually("the XB assignment in the rotated person's inbox", async () => {
      const r = await call("GET", "/v1/assignments?limit=200", { token });
      return r.body.items?.find((a: any) => a.workflowId === newTask);
    });
    expect(mine.org).toBe("KOTRA-XB");
    const inbox = await call("GET", "/v1/assignments?limit=200", { token });
    expect(inbox.body.items.some((a: any) => a.workflowId === oldTask)).toBe(false);
    const old = await call("GET", `/v1/workflows/${encodeURIComponent(oldTask)}`, { token });
    expect(old.status).toBe(404);
    expect((await call("GET", `/v1/workflows/${encodeURIComponent(newTask)}`, { token })).status).toBe(200);
  });

  it("moved today: what they did at the old office still shows them there, and its task is a 404 for them", async () => {
    const who = email(`mover-${randomUUID().slice(0, 8)}`);
    const added = await call("POST", "/v1/admin/people", {
      token: admin,
      body: { email: who, name: "Directory test mover", posting: { org: "KOTRA-XA", role: "AGENCY_STAFF", from: "2020-01-01" } },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const workflowId = await approvedTask("XA");
    const token = await login(who);
    const mine = await eventually("the XA assignment in the mover's inbox", async () => {
      const r = await call("GET", "/v1/assignments?limit=200", { token });
      return r.body.items?.find((a: any) => a.workflowId === workflowId);
    });
    await act(who, mine.id, "ack");

    const id = (await call("GET", `/v1/admin/people?q=${encodeURIComponent(who)}`, { token: admin })).body.items[0].id;
    const moved = await call("POST", `/v1/admin/people/${id}/postings`, {
      token: admin,
      body: { org: "KOTRA-XB", role: "AGENCY_STAFF", from: today },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    expect((await call("GET", "/v1/me", { token })).body).toMatchObject({ org: { code: "KOTRA-XB" } });
    expect((await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}`, { token })).status).toBe(404);
    // HQ's history of the old office's task: the acknowledgement as written then, not as the directory says now.
    const ack = (await historyOf(workflowId)).find((e: any) => e.action === "assignment.ack" && e.actor?.email === who);
    expect(ack?.actor).toEqual({ email: who, org: "KOTRA-XA" });
    expect((await taskOf(workflowId)).assignments.find((a: any) => a.id === mine.id)).toMatchObject({ org: "KOTRA-XA", status: "acknowledged" });
  });
});

describe("a closed organisation keeps its history and takes no new work", () => {
  it("refuses a new task from a closed mission with a sentence, and shows it closed", async () => {
    const code = "EMB-XB";
    const file = await exported();
    const i = file.organizations.findIndex((o: any) => o.code === code);
    file.organizations[i] = { ...file.organizations[i], closed: true };
    const closing = await importFile(file, false);
    expect(closing.body.changes).toEqual([expect.objectContaining({ action: "close", entity: "organization", key: code })]);
    try {
      const org = await call("GET", `/v1/orgs/${code}`, { token: admin });
      expect(org.body).toMatchObject({ code, closed: true, missionKind: "EMBASSY", timeZone: "Europe/London" });
      const r = await call("POST", "/v1/events", {
        token: await login(email("staff-xb")),
        body: detectedEvent({ source: code, country: "XB", caseRef: uniqueRef("DIR-CLOSED"), id: randomUUID() }),
      });
      expect(r.status).toBe(403);
      expect(r.body.message).toBe(`${code} is closed: it keeps its history but takes no new work`);
    } finally {
      file.organizations[i] = { ...file.organizations[i], closed: false };
      expect((await importFile(file, false)).status).toBe(200);
    }
  });
});

describe("reading the directory's people", () => {
  it("lists people with their current posting, searches them, and shows one with every posting", async () => {
    const r = await call("GET", `/v1/admin/people?q=${encodeURIComponent(`dir-${run}.rot`)}`, { token: await login("hq@teamkorea.dev") });
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([
      expect.objectContaining({
        email: email("rotated"),
        active: true,
        current: { org: "KOTRA-XB", role: "AGENCY_STAFF", from: today, until: null, current: true },
      }),
    ]);
    const one = await call("GET", `/v1/admin/people/${r.body.items[0].id}`, { token: admin });
    expect(one.body.postings).toEqual([
      { org: "KOTRA-XA", role: "AGENCY_STAFF", from: "2019-01-01", until: yesterday, current: false },
      { org: "KOTRA-XB", role: "AGENCY_STAFF", from: today, until: null, current: true },
    ]);
  });

  it("gives a head of mission their own organisation's people, and refuses another's", async () => {
    const head = await login(email("head-xa"));
    const own = await call("GET", "/v1/admin/people?limit=200", { token: head });
    expect(own.status).toBe(200);
    expect(own.body.items.map((p: any) => p.email)).toEqual(expect.arrayContaining([email("head-xa"), email("staff-xa")]));
    expect(own.body.items.every((p: any) => p.current?.org === "EMB-XA")).toBe(true);
    expect((await call("GET", "/v1/admin/people?org=EMB-US", { token: head })).status).toBe(403);
    const rotated = (await call("GET", `/v1/admin/people?q=${encodeURIComponent(email("rotated"))}`, { token: admin })).body.items[0];
    expect((await call("GET", `/v1/admin/people/${rotated.id}`, { token: head })).status).toBe(404);
  });
});

describe("a team a consulate general leads", () => {
  // XC: an embassy with a KOTRA office of its own, and a consulate general leading a KOTRA office of its jurisdiction.
  const orgsXC = [
    { ...testOrgs[0], code: "EMB-XC", nameKo: "시험국 XC 대사관", nameEn: "Test embassy XC", country: "XC" },
    {
      ...testOrgs[0],
      code: "CG-XC",
      missionKind: "CONSULATE_GENERAL",
      nameKo: "시험국 XC 총영사관",
      nameEn: "Test CG XC",
      country: "XC",
      leadsTeam: false,
    },
    { ...testOrgs[1], code: "KOTRA-XC", nameKo: "KOTRA 시험 XC", nameEn: "KOTRA test XC", country: "XC" },
    { ...testOrgs[1], code: "KOTRA-XCG", nameKo: "KOTRA 시험 XC 지방", nameEn: "KOTRA test XC region", country: "XC", teamLead: "CG-XC" },
  ];
  const peopleXC = () => [
    person("head-xc", [{ org: "EMB-XC", role: "MISSION_HEAD" }]),
    person("head-cg", [{ org: "CG-XC", role: "MISSION_HEAD" }]),
    person("kotra-xc", [{ org: "KOTRA-XC", role: "AGENCY_STAFF" }]),
    person("kotra-xcg", [{ org: "KOTRA-XCG", role: "AGENCY_STAFF" }]),
  ];
  const pending = async (who: string) =>
    (await call("GET", "/v1/approvals?status=pending&limit=200", { token: await login(email(who)) })).body.items as any[];

  beforeAll(async () => {
    const file = await exported();
    const codes = new Set(file.organizations.map((o: any) => o.code));
    const r = await importFile(
      { ...file, organizations: [...file.organizations, ...orgsXC.filter((o) => !codes.has(o.code))], people: [...file.people, ...peopleXC()] },
      false,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });

  it("an office's event opens the task in its team: the id names the consulate general, its head approves, its office takes the work", async () => {
    const caseRef = uniqueRef("DIR-CG");
    const posted = await call("POST", "/v1/events", {
      token: await login(email("kotra-xcg")),
      body: detectedEvent({ source: "KOTRA-XCG", country: "XC", caseRef }),
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    const workflowId = `trade-restriction:XC:CG-XC:${caseRef}`;
    const approval = await eventually(`the consulate general's approval of ${workflowId}`, async () =>
      (await pending("head-cg")).find((a) => a.workflowId === workflowId),
    );
    expect(approval.decider).toBe("CG-XC");
    expect((await pending("head-xc")).some((a) => a.workflowId === workflowId)).toBe(false);
    expect((await decide(email("head-cg"), approval.id, "approve")).status).toBe(200);

    const task = await taskIn(workflowId, "in_progress");
    const orgs = task.assignments.map((a: any) => a.org);
    expect(orgs).toContain("KOTRA-XCG");
    expect(orgs).not.toContain("KOTRA-XC");
    const inbox = await call("GET", "/v1/assignments?limit=200", { token: await login(email("kotra-xcg")) });
    expect(inbox.body.items.some((a: any) => a.workflowId === workflowId)).toBe(true);

    // The embassy's head still sees every team of the country on the board.
    const board = await eventually("the consulate general's task on the embassy's board", async () => {
      const r = await call("GET", "/v1/board", { token: await login(email("head-xc")) });
      return r.status === 200 && r.body.running.byKind.some((k: any) => k.tasks.some((t: any) => t.id === workflowId)) ? r.body : undefined;
    });
    expect(board).toMatchObject({ country: "XC", mission: "EMB-XC" });
  });

  it("the same case reference in the embassy's team is another task: no collision, the ids of old", async () => {
    const caseRef = uniqueRef("DIR-CG2");
    for (const [who, source] of [
      ["kotra-xcg", "KOTRA-XCG"],
      ["kotra-xc", "KOTRA-XC"],
    ] as const) {
      const r = await call("POST", "/v1/events", { token: await login(email(who)), body: detectedEvent({ source, country: "XC", caseRef }) });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
    }
    await eventually("the consulate general's approval", async () =>
      (await pending("head-cg")).find((a) => a.workflowId === `trade-restriction:XC:CG-XC:${caseRef}`),
    );
    await eventually("the embassy's approval", async () => (await pending("head-xc")).find((a) => a.workflowId === workflowIdOf("XC", caseRef)));
  });
});

describe("leaving ends the delegations a person gave or holds", () => {
  it("a head who leaves: the acting head they named may no longer decide, and the delegation shows ended", async () => {
    const [head, acting] = [`head-xd`, `acting-xd`];
    const file = await exported();
    const codes = new Set(file.organizations.map((o: any) => o.code));
    const orgsXD = [{ ...testOrgs[0], code: "EMB-XD", nameKo: "시험국 XD 대사관", nameEn: "Test embassy XD", country: "XD" }];
    const people = [person(head, [{ org: "EMB-XD", role: "MISSION_HEAD" }]), person(acting, [{ org: "EMB-XD", role: "MISSION_STAFF" }])];
    const added = await importFile(
      { ...file, organizations: [...file.organizations, ...orgsXD.filter((o) => !codes.has(o.code))], people: [...file.people, ...people] },
      false,
    );
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const granted = await call("POST", "/v1/delegations", {
      token: await login(email(head)),
      body: { to: email(acting), from: today, until: today },
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    expect(granted.body.active).toBe(true);

    // The head's posting ends yesterday (they left): the acting head they named acts for nobody.
    const now = await exported();
    const i = now.people.findIndex((p: any) => p.email === email(head));
    now.people[i] = { ...now.people[i], postings: [{ ...now.people[i].postings[0], until: yesterday }] };
    expect((await importFile(now, false)).status).toBe(200);
    const list = await call("GET", "/v1/delegations", { token: await login("hq@teamkorea.dev") });
    expect(list.status).toBe(200);
    expect(list.body.items.find((d: any) => d.id === granted.body.id)).toMatchObject({ active: false });
  });
});

describe("a head who leaves with approvals pending", () => {
  /** A test country with its embassy (naming `actingHead`, or nobody), a KOTRA office, and their people. */
  async function countryWithHead(cc: string, actingHead: boolean) {
    const file = await exported();
    const orgs = [
      {
        ...testOrgs[0],
        code: `EMB-${cc}`,
        nameKo: `시험국 ${cc} 대사관`,
        nameEn: `Test embassy ${cc}`,
        country: cc,
        actingHead: actingHead ? email(`acting-${cc.toLowerCase()}`) : null,
      },
      { ...testOrgs[1], code: `KOTRA-${cc}`, nameKo: `KOTRA 시험 ${cc}`, nameEn: `KOTRA test ${cc}`, country: cc },
    ];
    const who = (w: string) => `${w}-${cc.toLowerCase()}`;
    const people = [
      person(who("head"), [{ org: `EMB-${cc}`, role: "MISSION_HEAD" }]),
      person(who("acting"), [{ org: `EMB-${cc}`, role: "MISSION_STAFF" }]),
      person(who("kotra"), [{ org: `KOTRA-${cc}`, role: "AGENCY_STAFF" }]),
    ];
    // This run's rows replace an earlier run's (its acting head is this run's person).
    const mine = new Set(orgs.map((o) => o.code));
    const added = await importFile(
      { ...file, organizations: [...file.organizations.filter((o: any) => !mine.has(o.code)), ...orgs], people: [...file.people, ...people] },
      false,
    );
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const caseRef = uniqueRef(`LEFT-${cc}`);
    const r = await call("POST", "/v1/events", {
      token: await login(email(who("kotra"))),
      body: detectedEvent({ source: `KOTRA-${cc}`, country: cc, caseRef }),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const workflowId = workflowIdOf(cc, caseRef);
    const head = await login(email(who("head")));
    const approval = await eventually(`the head's approval in ${cc}`, async () => {
      const list = await call("GET", "/v1/approvals?status=pending&limit=200", { token: head });
      return list.body.items?.find((a: any) => a.workflowId === workflowId);
    });
    return { workflowId, approval, head: email(who("head")), acting: email(who("acting")) };
  }
  const idOf = async (who: string) => (await call("GET", `/v1/admin/people?q=${encodeURIComponent(who)}`, { token: admin })).body.items[0].id;
  const historyEntry = (workflowId: string, action: string) =>
    eventually(`${action} on ${workflowId}'s timeline`, async () => {
      const r = await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}/history`, { token: await login("hq@teamkorea.dev") });
      return r.body.entries?.find((e: any) => e.action === action);
    });

  it("deactivated: the approval passes to the acting head the directory names, the timeline says why, and they decide it", async () => {
    const { workflowId, approval, head, acting } = await countryWithHead("XE", true);
    const actingToken = await login(acting);
    // While the head is posted, the acting head named for a vacancy decides nothing.
    const early = await decide(acting, approval.id, "approve");
    expect(early.status, JSON.stringify(early.body)).toBe(403);

    const off = await call("PATCH", `/v1/admin/people/${await idOf(head)}`, { token: admin, body: { active: false } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const entry = await historyEntry(workflowId, "approval.handed_over");
    expect(entry).toMatchObject({ actor: null, detail: { approvalId: approval.id, to: acting, decider: "EMB-XE" } });
    expect(entry.detail.reason).toBe(
      `Directory test head-xe (${head}), head of EMB-XE, was deactivated, with this approval pending; no other head is posted`,
    );

    const r = await call("POST", `/v1/approvals/${approval.id}/decision`, { token: actingToken, body: { decision: "approve" } });
    expect([200, 202], JSON.stringify(r.body)).toContain(r.status);
    await taskIn(workflowId, "in_progress");
    const decided = await historyEntry(workflowId, "approval.approved");
    expect(decided.actor).toMatchObject({ email: acting, org: "EMB-XE", onBehalfOf: "EMB-XE (head's post vacant)" });
  });

  it("posting ended, nobody named: the approval passes to HQ with the reason, and HQ decides it before any deadline", async () => {
    const { workflowId, approval, head } = await countryWithHead("XF", false);
    const hq = await login("hq@teamkorea.dev");
    expect((await decide("hq@teamkorea.dev", approval.id, "approve")).status).toBe(403);

    // The head's posting ended yesterday: no edit of the person, only of the posting's dates.
    const now = await exported();
    const i = now.people.findIndex((p: any) => p.email === head);
    now.people[i] = { ...now.people[i], postings: [{ ...now.people[i].postings[0], until: yesterday }] };
    expect((await importFile(now, false)).status).toBe(200);
    const entry = await historyEntry(workflowId, "approval.escalated");
    expect(entry.detail).toMatchObject({ approvalId: approval.id, to: "MOFA", cause: "head_left" });
    expect(entry.detail.reason).toBe(
      `Directory test head-xf (${head}), head of EMB-XF, left: their posting ended on ${yesterday}, with this approval pending; no other head is posted`,
    );

    const r = await call("POST", `/v1/approvals/${approval.id}/decision`, { token: hq, body: { decision: "approve" } });
    expect([200, 202], JSON.stringify(r.body)).toContain(r.status);
    await taskIn(workflowId, "in_progress");
  });
});

describe("an administrator changes organisations and duties one at a time", () => {
  const post = (path: string, body: unknown) => call("POST", path, { token: admin, body });
  it("opens a consulate general and an office of its team, names an acting head, sets a duty's holders: each audited, dry runs store nothing", async () => {
    // Codes of this run's own: a rerun on the same database opens new ones.
    const [CG, KTO] = [`CG-XG-${run.toUpperCase()}`, `KTO-XG-${run.toUpperCase()}`];
    const cg = { ...testOrgs[0], code: CG, missionKind: "CONSULATE_GENERAL", country: "XG", leadsTeam: false, timeZone: "America/Los_Angeles" };
    const office = { ...testOrgs[1], code: KTO, network: "KTO", country: "XG", teamLead: CG };
    const dry = await post("/v1/admin/orgs?dryRun=true", cg);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, batch: null, summary: { added: 1 } });
    expect((await exported()).organizations.some((o: any) => o.code === CG)).toBe(false);
    for (const o of [cg, office]) expect((await post("/v1/admin/orgs", o)).status).toBe(200);
    expect((await post("/v1/admin/orgs", cg)).status).toBe(409);

    // An acting head must be one of the mission's people.
    const stranger = await call("PATCH", `/v1/admin/orgs/${CG}`, { token: admin, body: { actingHead: email("nobody") } });
    expect(stranger.status).toBe(400);
    expect(stranger.body.message).toContain(`names ${email("nobody")}, who is not a person of the file`);
    const staff = email("staff-xg");
    expect(
      (await post("/v1/admin/people", { email: staff, name: "Staff XG", posting: { org: CG, role: "MISSION_STAFF", from: "2020-01-01" } })).status,
    ).toBe(200);
    const named = await call("PATCH", `/v1/admin/orgs/${CG}`, { token: admin, body: { actingHead: staff } });
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    expect(named.body.changes).toEqual([expect.objectContaining({ action: "change", entity: "organization", key: CG })]);
    const orgs = (await exported()).organizations;
    expect(orgs.find((o: any) => o.code === CG)).toMatchObject({ actingHead: staff, timeZone: "America/Los_Angeles" });
    expect(orgs.find((o: any) => o.code === KTO)).toMatchObject({ teamLead: CG });

    // A duty of its own: set, then removed (an empty list of holders).
    const duty = `test-duty-${run}`;
    const set = await call("PUT", `/v1/admin/duties/${duty}`, {
      token: admin,
      body: { holders: [{ holder: "KTO", holderKind: "network", rank: 1 }] },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await exported()).duties).toContainEqual({ duty, holder: "KTO", holderKind: "network", rank: 1 });
    expect((await call("PUT", `/v1/admin/duties/${duty}`, { token: admin, body: { holders: [] } })).status).toBe(200);
    expect((await exported()).duties.some((d: any) => d.duty === duty)).toBe(false);
    const audit = await call("GET", "/v1/admin/directory/audit?limit=5", { token: admin });
    expect(audit.body.items[0]).toMatchObject({ actor: "admin@teamkorea.dev", action: "remove", entity: "duty" });
  });
});

describe("notices follow the posting they were for", () => {
  const db = createDb(cfg.service.databaseUrl, { max: 1 });
  afterAll(() => db.close());

  it("one still due after its reader moved to another organisation is parked unsent, with the reason", async () => {
    const who = email("moved-notice");
    const added = await call("POST", "/v1/admin/people", {
      token: admin,
      body: { email: who, name: "Moved before the notice", posting: { org: "KOTRA-XA", role: "AGENCY_STAFF", from: "2020-01-01" } },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const id = (await call("GET", `/v1/admin/people?q=${encodeURIComponent(who)}`, { token: admin })).body.items[0].id;
    // Moved to XB's office from today: a notice made for them at KOTRA-XA is no longer theirs to read.
    const moved = await call("POST", `/v1/admin/people/${id}/postings`, {
      token: admin,
      body: { org: "KOTRA-XB", role: "AGENCY_STAFF", from: today },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    // As the relay writes one when an assignment is given (packages/db notices.ts), due now.
    const row = await db.one<{ id: string }>(sql`
      INSERT INTO notices (recipient_id, email, recipient_org, timeline_id, workflow_id, kind, data, due_at)
      VALUES (${id}::uuid, ${who}, 'KOTRA-XA', -1, ${`trade-restriction:XA:${uniqueRef("MOVED")}`}, 'assignment.created',
              ${JSON.stringify({ title: "t", country: "XA", path: "/assignments" })}::jsonb, now())
      RETURNING id::text AS id`);
    const parked = await eventually("the notice parked", async () => {
      const n = await db.one<{ status: string; last_error: string | null }>(
        sql`SELECT status, last_error FROM notices WHERE id = ${row?.id}::bigint`,
      );
      return n?.status === "parked" ? n : undefined;
    });
    expect(parked.last_error).toBe("not sent: the recipient has left the posting it was for (moved, left, or deactivated)");
  });
});

describe("an administrator changes one person at a time", () => {
  it("adds, moves and deactivates a person, each audited, each taking effect on the next request", async () => {
    const who = email("one-at-a-time");
    const body = { email: who, name: "One at a time", posting: { org: "EMB-XA", role: "MISSION_STAFF", from: "2020-01-01" } };
    const dry = await call("POST", "/v1/admin/people?dryRun=true", { token: admin, body });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(keys(dry.body.changes)).toEqual([`add person ${who}`, `add posting ${who}/EMB-XA/MISSION_STAFF/2020-01-01`]);
    expect((await exported()).people.some((p: any) => p.email === who)).toBe(false);

    const added = await call("POST", "/v1/admin/people", { token: admin, body });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.changes).toEqual(dry.body.changes);
    expect((await call("POST", "/v1/admin/people", { token: admin, body })).status).toBe(409);
    const token = await login(who);
    expect((await call("GET", "/v1/me", { token })).body).toMatchObject({ role: "MISSION_STAFF", org: { code: "EMB-XA" } });
    const id = (await call("GET", `/v1/admin/people?q=${encodeURIComponent(who)}`, { token: admin })).body.items[0].id;

    // A move from today: the embassy posting ends yesterday, the office's starts today, at once.
    const moved = await call("POST", `/v1/admin/people/${id}/postings`, {
      token: admin,
      body: { org: "KOTRA-XA", role: "AGENCY_STAFF", from: today },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(keys(moved.body.changes)).toEqual([
      `add posting ${who}/KOTRA-XA/AGENCY_STAFF/${today}`,
      `close posting ${who}/EMB-XA/MISSION_STAFF/2020-01-01`,
    ]);
    expect((await call("GET", "/v1/me", { token })).body).toMatchObject({ role: "AGENCY_STAFF", org: { code: "KOTRA-XA" } });
    const early = await call("POST", `/v1/admin/people/${id}/postings`, {
      token: admin,
      body: { org: "EMB-XA", role: "MISSION_STAFF", from: "2020-01-01" },
    });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain("a new posting must start after it");

    const off = await call("PATCH", `/v1/admin/people/${id}`, { token: admin, body: { active: false } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect((await call("GET", "/v1/me", { token })).status).toBe(401);
    const audit = await call("GET", "/v1/admin/directory/audit?limit=20", { token: admin });
    expect(off.body.changes, JSON.stringify(off.body)).toEqual([expect.objectContaining({ entity: "person", key: who })]);
    expect(audit.body.items.filter((a: any) => a.batch === off.body.batch)).toEqual([
      expect.objectContaining({ actor: "admin@teamkorea.dev", action: off.body.changes[0].action, entity: "person", key: who }),
    ]);
    expect((await call("PATCH", `/v1/admin/people/${id}`, { token: admin, body: {} })).status).toBe(400);
  });
});
