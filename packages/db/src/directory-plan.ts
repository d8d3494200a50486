/**
 * The import plan, pure: from the directory as it is and a file that says how it should be, every
 * problem of the file (named by path and field) or the exact list of changes. The file is the
 * whole directory: an organisation or a person it leaves out is closed (never deleted: history
 * keeps their names), a duty it leaves out is removed. A posting it leaves out that already
 * started is ended yesterday; one that has not started is removed; one that ended is kept, as
 * history. The same file twice plans nothing the second time.
 */
import type {
  DirectoryChange,
  DirectoryDutyEntry,
  DirectoryFile,
  DirectoryOrgEntry,
  DirectoryPerson,
  DirectoryPosting,
  OrgKind,
  Role,
} from "@hub/contracts";

export interface DirectoryIssue {
  path: string;
  message: string;
}

export interface ImportOptions {
  /** The UTC day the import takes effect: postings are current, ended or to come relative to it. */
  today: string;
  /** false (the seeds): what the file leaves out stays as it is, so a development hub's own additions survive a restart. */
  closeMissing: boolean;
}

export type ImportPlan = { ok: true; changes: DirectoryChange[] } | { ok: false; issues: DirectoryIssue[] };

export const dutyKey = (d: Pick<DirectoryDutyEntry, "duty" | "holder">) => `${d.duty}/${d.holder}`;
export const postingKey = (email: string, p: Pick<DirectoryPosting, "org" | "role" | "from">) => `${email}/${p.org}/${p.role}/${p.from}`;

/** Which kinds of organisation may hold each role. */
const ROLE_ORGS: Record<Role, OrgKind[]> = {
  MISSION_HEAD: ["MISSION"],
  MISSION_STAFF: ["MISSION"],
  AGENCY_STAFF: ["AGENCY", "MINISTRY"],
  HQ_REVIEWER: ["MINISTRY"],
  ADMIN: ["MINISTRY"],
};

export const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const overlaps = (a: DirectoryPosting, b: DirectoryPosting) => a.from <= (b.until ?? "9999-12-31") && b.from <= (a.until ?? "9999-12-31");
/** Whether a posting is current on `today` (UTC days, inclusive). */
export const isCurrent = (p: Pick<DirectoryPosting, "from" | "until">, today: string) => p.from <= today && (p.until === null || p.until >= today);
const span = (p: DirectoryPosting) => `${p.org} ${p.role} from ${p.from}${p.until ? ` until ${p.until}` : ""}`;

/** The first index of each key; later ones are reported as duplicates. */
function duplicates<T>(rows: T[], keyOf: (t: T) => string, path: (i: number) => string, what: string, issues: DirectoryIssue[]) {
  const first = new Map<string, number>();
  rows.forEach((row, i) => {
    const k = keyOf(row);
    const j = first.get(k);
    if (j === undefined) first.set(k, i);
    else issues.push({ path: path(i), message: `duplicates ${path(j)}: ${what} ${k} appears twice` });
  });
  return first;
}

function orgIssues(file: DirectoryFile, issues: DirectoryIssue[]): Map<string, DirectoryOrgEntry> {
  const orgs = file.organizations;
  const first = duplicates(
    orgs,
    (o) => o.code,
    (i) => `organizations.${i}.code`,
    "the code",
    issues,
  );
  const byCode = new Map([...first].map(([code, i]) => [code, orgs[i] as DirectoryOrgEntry]));
  orgs.forEach((o, i) => {
    const at = (field: string) => `organizations.${i}.${field}`;
    if (o.kind === "MISSION" && o.missionKind === null)
      issues.push({ path: at("missionKind"), message: "is required for a mission (EMBASSY, CONSULATE_GENERAL, PERMANENT_MISSION or BRANCH_OFFICE)" });
    if (o.kind !== "MISSION" && o.missionKind !== null) issues.push({ path: at("missionKind"), message: `must be null: ${o.code} is not a mission` });
    if (o.kind !== "MINISTRY" && o.country === null)
      issues.push({ path: at("country"), message: `is required: ${o.code} is an organisation abroad` });
    if (o.kind === "MINISTRY" && o.country !== null) issues.push({ path: at("country"), message: `must be null: ${o.code} is a ministry at home` });
    if (o.leadsTeam && o.kind !== "MISSION") issues.push({ path: at("leadsTeam"), message: `must be false: only a mission leads a team` });
    if (o.teamLead !== null) {
      const lead = byCode.get(o.teamLead);
      if (o.kind !== "AGENCY") issues.push({ path: at("teamLead"), message: `must be null: only an agency office has a team lead` });
      else if (!lead) issues.push({ path: at("teamLead"), message: `names ${o.teamLead}, which is not an organisation of the file` });
      else if (lead.kind !== "MISSION") issues.push({ path: at("teamLead"), message: `names ${o.teamLead}, which is not a mission` });
      else if (lead.country !== o.country) issues.push({ path: at("teamLead"), message: `names ${o.teamLead}, a mission in another country` });
    }
    if (o.actingHead !== null) {
      const acting = file.people.find((p) => p.email === o.actingHead);
      if (o.kind !== "MISSION") issues.push({ path: at("actingHead"), message: `must be null: only a mission has an acting head` });
      else if (!acting) issues.push({ path: at("actingHead"), message: `names ${o.actingHead}, who is not a person of the file` });
      else if (!acting.postings.some((p) => p.org === o.code))
        issues.push({ path: at("actingHead"), message: `names ${o.actingHead}, who has no posting at ${o.code}` });
    }
  });
  return byCode;
}

function dutyIssues(file: DirectoryFile, orgs: Map<string, DirectoryOrgEntry>, issues: DirectoryIssue[]) {
  duplicates(file.duties, dutyKey, (i) => `duties.${i}.holder`, "the duty and holder", issues);
  const networks = new Set([...orgs.values()].map((o) => o.network));
  file.duties.forEach((d, i) => {
    if (d.holderKind === "org" && !orgs.has(d.holder))
      issues.push({ path: `duties.${i}.holder`, message: `names ${d.holder}, which is not an organisation of the file` });
    if (d.holderKind === "network" && !networks.has(d.holder))
      issues.push({ path: `duties.${i}.holder`, message: `names the network ${d.holder}, which no organisation of the file belongs to` });
  });
}

function peopleIssues(
  file: DirectoryFile,
  current: DirectoryFile,
  orgs: Map<string, DirectoryOrgEntry>,
  opts: ImportOptions,
  issues: DirectoryIssue[],
) {
  duplicates(
    file.people,
    (p) => p.email,
    (i) => `people.${i}.email`,
    "the e-mail",
    issues,
  );
  const before = new Map(current.people.map((p) => [p.email, p]));
  file.people.forEach((person, i) => {
    const kept = keptPostings(before.get(person.email), person, opts);
    person.postings.forEach((p, k) => {
      const at = (field: string) => `people.${i}.postings.${k}.${field}`;
      const org = orgs.get(p.org);
      if (!org) issues.push({ path: at("org"), message: `names ${p.org}, which is not an organisation of the file` });
      else if (!ROLE_ORGS[p.role].includes(org.kind))
        issues.push({
          path: at("role"),
          message: `${p.role} is not a role at ${p.org} (a ${org.kind.toLowerCase()}): it needs ${ROLE_ORGS[p.role].join(" or ").toLowerCase()}`,
        });
      if (p.until !== null && p.until < p.from) issues.push({ path: at("until"), message: `is before from (${p.from})` });
      person.postings.slice(0, k).forEach((q, j) => {
        if (!overlaps(p, q)) return;
        const both = isCurrent(p, opts.today) && isCurrent(q, opts.today);
        issues.push({
          path: at("from"),
          message: both
            ? `is current today as is people.${i}.postings.${j} (${span(q)}): a person has at most one current posting`
            : `overlaps people.${i}.postings.${j} (${span(q)}): a person holds one posting at a time`,
        });
      });
      for (const q of kept) {
        if (overlaps(p, q))
          issues.push({ path: at("from"), message: `overlaps ${span(q)}, a posting the file leaves out that the directory keeps as history` });
      }
    });
  });
}

/**
 * What stays of the postings of a person the file leaves out (the same rule as postingChanges):
 * ended ones as they are, started ones ended yesterday; without closeMissing, all as they are.
 */
function keptPostings(before: DirectoryPerson | undefined, after: DirectoryPerson, opts: ImportOptions): DirectoryPosting[] {
  const named = new Set(after.postings.map((p) => postingKey(after.email, p)));
  const left = (before?.postings ?? []).filter((p) => !named.has(postingKey(after.email, p)));
  return opts.closeMissing ? left.flatMap((p) => closedPosting(p, opts.today)) : left;
}

/** A posting the file leaves out: kept when ended, ended yesterday when started, gone when still to come. */
function closedPosting(p: DirectoryPosting, today: string): DirectoryPosting[] {
  if (p.until !== null && p.until < today) return [p];
  const yesterday = dayBefore(today);
  return p.from > yesterday ? [] : [{ ...p, until: yesterday }];
}

/** Every problem of the file against the directory as it is; none: the file can be imported. */
export function importIssues(file: DirectoryFile, current: DirectoryFile, opts: ImportOptions): DirectoryIssue[] {
  const issues: DirectoryIssue[] = [];
  const orgs = orgIssues(file, issues);
  dutyIssues(file, orgs, issues);
  peopleIssues(file, current, orgs, opts, issues);
  // The whole directory replaced by a file without an administrator would lock everyone out of changing it.
  const admins = file.people.some((p) => p.active && p.postings.some((x) => x.role === "ADMIN" && isCurrent(x, opts.today)));
  if (opts.closeMissing && !admins)
    issues.push({ path: "people", message: "holds no active administrator posted today: nobody could change the directory after this import" });
  return issues;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const personFields = ({ postings: _, ...p }: DirectoryPerson) => p;

/** Adds, changes and closes (or removes) rows keyed alike; `close` makes the closed form of a row the file leaves out, null: remove it. */
function diffRows<T>(
  entity: DirectoryChange["entity"],
  before: Map<string, T>,
  after: Map<string, T>,
  opts: ImportOptions,
  close: (t: T) => T | null | "keep",
  closedBy: (b: T, a: T) => boolean,
): DirectoryChange[] {
  const changes: DirectoryChange[] = [];
  for (const [key, a] of after) {
    const b = before.get(key);
    if (b === undefined) changes.push({ action: "add", entity, key, before: null, after: a });
    else if (!same(a, b)) changes.push({ action: closedBy(b, a) ? "close" : "change", entity, key, before: b, after: a });
  }
  if (!opts.closeMissing) return changes;
  for (const [key, b] of before) {
    if (after.has(key)) continue;
    const c = close(b);
    if (c === "keep") continue;
    if (c === null) changes.push({ action: "remove", entity, key, before: b, after: null });
    else if (!same(c, b)) changes.push({ action: "close", entity, key, before: b, after: c });
  }
  return changes;
}

function postingChanges(current: DirectoryFile, file: DirectoryFile, opts: ImportOptions): DirectoryChange[] {
  const rows = (people: DirectoryPerson[]) =>
    new Map(people.flatMap((person) => person.postings.map((p) => [postingKey(person.email, p), p] as const)));
  const inFile = new Set(file.people.map((p) => p.email));
  // Postings of people the file leaves out stay as they are: closing the person is enough.
  const before = rows(current.people.filter((p) => inFile.has(p.email)));
  return diffRows(
    "posting",
    before,
    rows(file.people),
    opts,
    (p) => {
      const [kept] = closedPosting(p, opts.today);
      return kept === undefined ? null : kept === p ? "keep" : kept;
    },
    (b, a) => b.until === null && a.until !== null,
  );
}

/** The changes that turn `current` into what `file` says, in the order they can be applied. */
export function planChanges(current: DirectoryFile, file: DirectoryFile, opts: ImportOptions): DirectoryChange[] {
  const byKey = <T>(rows: T[], key: (t: T) => string) => new Map(rows.map((r) => [key(r), r]));
  const people = diffRows(
    "person",
    byKey(current.people.map(personFields), (p) => p.email),
    byKey(file.people.map(personFields), (p) => p.email),
    opts,
    (p) => ({ ...p, active: false }),
    (b, a) => b.active && !a.active,
  );
  const orgs = diffRows(
    "organization",
    byKey(current.organizations, (o) => o.code),
    byKey(file.organizations, (o) => o.code),
    opts,
    (o) => ({ ...o, closed: true }),
    (b, a) => !b.closed && a.closed,
  );
  const duties = diffRows(
    "duty",
    byKey(current.duties, dutyKey),
    byKey(file.duties, dutyKey),
    opts,
    () => null,
    () => false,
  );
  const postings = postingChanges(current, file, opts);
  // Postings that end or go before those that start, so no two overlap even for a moment.
  const order = { remove: 0, close: 1, change: 2, add: 3 } as const;
  postings.sort((a, b) => order[a.action] - order[b.action]);
  return [...orgs, ...duties, ...people, ...postings];
}

/** The plan of an import: its problems, or its changes (none: the directory already says what the file says). */
export function planImport(file: DirectoryFile, current: DirectoryFile, opts: ImportOptions): ImportPlan {
  const issues = importIssues(file, current, opts);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, changes: planChanges(current, file, opts) };
}

export function summarise(changes: DirectoryChange[]) {
  const count = (a: DirectoryChange["action"]) => changes.filter((c) => c.action === a).length;
  return { added: count("add"), changed: count("change"), closed: count("close"), removed: count("remove") };
}
