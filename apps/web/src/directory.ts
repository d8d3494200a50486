/**
 * The pure parts of the directory's pages (pages/directory/*): who may do what there, finding
 * organisations, the fields a change touches, and a refused file's problems by row and field.
 */
import type { DirectoryChange, Org, PostingItem, Role } from "@hub/contracts";

/** What the API lets each role do with the directory (services/api/src/directory-scope.ts, access.ts). */
export const mayChangeDirectory = (role: Role) => role === "ADMIN";
/** Organisations, import/export and the audit: administrators and HQ reviewers. */
export const mayReadDirectory = (role: Role) => role === "ADMIN" || role === "HQ_REVIEWER";
/** People: those two, and a head of mission for their own team. */
export const mayReadPeople = (role: Role) => mayReadDirectory(role) || role === "MISSION_HEAD";

/** Organisations whose code, names, country or network hold every word of `q` (any case), of one kind when given. */
export function filterOrgs(orgs: Org[], q: string, kind = ""): Org[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return orgs.filter((o) => {
    if (kind && o.kind !== kind) return false;
    const text = [o.code, o.nameKo, o.nameEn, o.country ?? "", o.network ?? ""].join(" ").toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** Postings newest first, as the timeline shows them. */
export const postingsNewestFirst = (postings: PostingItem[]) => [...postings].sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0));

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The fields a change touches: for a change, those whose value differs; for an addition, every
 * field of the row after; for a removal, every field before. A value that is no row is one field, "".
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  if (!isRecord(before) && !isRecord(after)) return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: "", before, after }];
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => JSON.stringify(b[f] ?? null) !== JSON.stringify(a[f] ?? null) || !isRecord(before) || !isRecord(after))
    .map((f) => ({ field: f, before: isRecord(before) ? b[f] : undefined, after: isRecord(after) ? a[f] : undefined }));
}

/** A value as the pages show it: text as it is, nothing as "—", anything else as compact JSON. */
export const shown = (v: unknown): string => (v === undefined || v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v));

/** Fields whose values are Korean text (marked lang="ko" where shown). */
export const KOREAN_FIELDS = new Set(["nameKo"]);

export interface FileProblem {
  /** The file's row, e.g. `people.4`, with what names it (`people.4 (kim@…)`), or "" for the file as a whole. */
  row: string;
  /** The field within the row, e.g. `postings.1.from`. */
  field: string;
  message: string;
}

/** What names a row of the file: an organisation's code, a person's e-mail, a duty and its holder. */
function rowName(file: unknown, table: string, index: number): string | null {
  if (!isRecord(file) || !Array.isArray(file[table])) return null;
  const row = (file[table] as unknown[])[index];
  if (!isRecord(row)) return null;
  const name = table === "organizations" ? row.code : table === "people" ? row.email : table === "duties" ? `${row.duty}/${row.holder}` : null;
  return typeof name === "string" ? name : null;
}

/** A refused import's problems (paths such as `body.people.4.postings.1.from`) by row and field. */
export function problemsByRow(issues: { path: string; message: string }[], file?: unknown): FileProblem[] {
  return issues.map(({ path, message }) => {
    const parts = path.replace(/^body\.?/, "").split(".");
    const [table, index, ...rest] = parts;
    if (!table || index === undefined || !/^\d+$/.test(index)) return { row: "", field: parts.join("."), message };
    const name = rowName(file, table, Number(index));
    return { row: `${table}.${index}${name ? ` (${name})` : ""}`, field: rest.join("."), message };
  });
}

/** UTC days, as postings count them. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);
export const plusDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

/** Changes in the order a person reads them: by entity (organisations, duties, people, postings), then key. */
const ENTITY_ORDER = ["organization", "duty", "person", "posting"];
export const changesInOrder = (changes: DirectoryChange[]) =>
  [...changes].sort((a, b) => ENTITY_ORDER.indexOf(a.entity) - ENTITY_ORDER.indexOf(b.entity) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** The roles an organisation of each kind gives (the import's rule). */
export const rolesFor = (kind: Org["kind"]): Role[] =>
  kind === "MISSION" ? ["MISSION_HEAD", "MISSION_STAFF"] : kind === "AGENCY" ? ["AGENCY_STAFF"] : ["AGENCY_STAFF", "HQ_REVIEWER", "ADMIN"];
