/**
 * The directory as one file (docs/directory.md): organisations, duties and people with their
 * postings. `npm run directory:import`, `POST /v1/admin/directory/import` and the seeds read it;
 * `GET /v1/admin/directory/export` writes it. The schema checks each row on its own; the checks
 * across rows (duplicates, unknown codes, overlapping postings) are the import plan's
 * (packages/db/src/directory-plan.ts), so every problem of a file is named at once.
 */
import { z } from "zod";
import { CountryCode, IsoDate, OrgCode, OrgKind, Role } from "./common";
import { isTimeZone } from "./time-zones";

/** The format's name and version: a file of another version is refused rather than half-understood. */
export const DIRECTORY_FORMAT = "team-korea-hub/directory@1";

export const MissionKind = z.enum(["EMBASSY", "CONSULATE_GENERAL", "PERMANENT_MISSION", "BRANCH_OFFICE"]);
export type MissionKind = z.infer<typeof MissionKind>;

const Name = z.string().min(1, "must not be empty").max(200, "must be at most 200 characters");
export const TimeZone = z.string().min(1).max(64).refine(isTimeZone, "is not a time zone this server knows (an IANA name such as Asia/Seoul)");
/** E-mail addresses are kept in lower case: sign-in looks them up that way. */
export const PersonEmail = z
  .string()
  .max(254, "must be at most 254 characters")
  .email("must be an e-mail address")
  .refine((s) => s === s.toLowerCase(), "must be written in lower case");

export const DirectoryOrgEntry = z.strictObject({
  code: OrgCode,
  kind: OrgKind,
  /** Missions only: embassy, consulate general, permanent mission or branch office. */
  missionKind: MissionKind.nullable().default(null),
  nameKo: Name,
  nameEn: Name,
  /** ISO 3166-1 alpha-2; null for ministries at home. */
  country: CountryCode.nullable(),
  /** An agency office's home institution (KOTRA, KOICA, …); missions: MOFA. */
  network: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{1,15}$/, "must be a network name in capitals, e.g. KOTRA")
    .nullable()
    .default(null),
  timeZone: TimeZone,
  /** The mission that leads its country's Team Korea. */
  leadsTeam: z.boolean().default(false),
  /** Agency offices: the mission leading their team, when not their country's leading one. */
  teamLead: OrgCode.nullable().default(null),
  /** A closed organisation keeps its history and names but takes no new work. */
  closed: z.boolean().default(false),
  /** Missions: who decides the head's approvals while no head is posted (직무대리); one of its people. */
  actingHead: PersonEmail.nullable().default(null),
});
export type DirectoryOrgEntry = z.infer<typeof DirectoryOrgEntry>;

export const DirectoryDutyEntry = z.strictObject({
  duty: z.string().regex(/^[a-z][a-z0-9:-]{0,63}$/, "must be a duty name such as trade-remedy"),
  /** An organisation code (holderKind org) or a network (holderKind network). */
  holder: z.string().min(1).max(32),
  holderKind: z.enum(["org", "network"]),
  /** Lower is preferred where several hold the duty. */
  rank: z.number().int().min(1).max(99).default(1),
});
export type DirectoryDutyEntry = z.infer<typeof DirectoryDutyEntry>;

export const DirectoryPosting = z.strictObject({
  org: OrgCode,
  role: Role,
  /** UTC days, inclusive; no `until`: open. */
  from: IsoDate,
  until: IsoDate.nullable().default(null),
  /**
   * A lead of the organisation: assigns and reassigns its assignments (a MISSION_HEAD always is
   * their mission's). Absent: not a lead; the directory's export writes it only when true, so a
   * file without it imports unchanged.
   */
  lead: z.boolean().optional(),
});
export type DirectoryPosting = z.infer<typeof DirectoryPosting>;

export const DirectoryPerson = z.strictObject({
  email: PersonEmail,
  name: Name,
  nameKo: Name.nullable().default(null),
  active: z.boolean().default(true),
  postings: z.array(DirectoryPosting).max(100),
});
export type DirectoryPerson = z.infer<typeof DirectoryPerson>;

export const DirectoryFile = z.strictObject({
  format: z.literal(DIRECTORY_FORMAT, { message: `must be "${DIRECTORY_FORMAT}"` }),
  organizations: z.array(DirectoryOrgEntry).max(10_000),
  duties: z.array(DirectoryDutyEntry).max(10_000),
  people: z.array(DirectoryPerson).max(100_000),
});
export type DirectoryFile = z.infer<typeof DirectoryFile>;
/** What a file may say before defaults are filled in. */
export type DirectoryFileInput = z.input<typeof DirectoryFile>;

/** One change an import makes (or, in a dry run, would make). */
export const DirectoryEntity = z.enum(["organization", "duty", "person", "posting"]);
export type DirectoryEntity = z.infer<typeof DirectoryEntity>;
export const DirectoryAction = z.enum(["add", "change", "close", "remove"]);
export type DirectoryAction = z.infer<typeof DirectoryAction>;
export const DirectoryChange = z.object({
  action: DirectoryAction,
  entity: DirectoryEntity,
  /** organization: its code; duty: duty/holder; person: e-mail; posting: e-mail/org/role/from. */
  key: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type DirectoryChange = z.infer<typeof DirectoryChange>;

export const DirectoryImportQuery = z.object({
  dryRun: z.enum(["true", "false"], { message: "must be true or false" }).transform((s) => s === "true"),
});

export const DirectoryImportResult = z.object({
  dryRun: z.boolean(),
  /** The audit batch of an applied import that changed something; null otherwise. */
  batch: z.string().nullable(),
  summary: z.object({ added: z.number().int(), changed: z.number().int(), closed: z.number().int(), removed: z.number().int() }),
  changes: z.array(DirectoryChange),
});
export type DirectoryImportResult = z.infer<typeof DirectoryImportResult>;

export const DirectoryAuditItem = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  actorOrg: z.string().nullable(),
  batch: z.string(),
  action: DirectoryAction,
  entity: DirectoryEntity,
  key: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type DirectoryAuditItem = z.infer<typeof DirectoryAuditItem>;

export const PostingItem = z.object({
  org: z.string(),
  role: Role,
  from: z.string(),
  until: z.string().nullable(),
  /** Current today (UTC). */
  current: z.boolean(),
});
export type PostingItem = z.infer<typeof PostingItem>;

export const PersonSummary = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  nameKo: z.string().nullable(),
  active: z.boolean(),
  /** The posting current today, if any. */
  current: PostingItem.nullable(),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const PersonDetail = PersonSummary.extend({ postings: z.array(PostingItem) });
export type PersonDetail = z.infer<typeof PersonDetail>;

export const PeopleQuery = z.object({
  /** Words of the name or e-mail (a part of either). */
  q: z.string().min(1).max(100).optional(),
  org: OrgCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

// ── one edit at a time (the admin's people routes) ─────────────────────────────────────────────

/** A new person with their first posting. */
export const NewPersonBody = z.strictObject({
  email: PersonEmail,
  name: Name,
  nameKo: Name.nullable().default(null),
  posting: DirectoryPosting,
});
export type NewPersonBody = z.infer<typeof NewPersonBody>;

/** What may change of a person besides their postings; `active: false` deactivates at once. */
export const PersonChangeBody = z
  .strictObject({ name: Name.optional(), nameKo: Name.nullable().optional(), active: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, "must change at least one of name, nameKo, active");
export type PersonChangeBody = z.infer<typeof PersonChangeBody>;

/** A move or a role change: the new posting; the current one ends the day before it starts. */
export const NewPostingBody = z.strictObject({
  org: OrgCode,
  role: Role,
  from: IsoDate,
  until: IsoDate.nullable().default(null),
  lead: z.boolean().optional(),
});
export type NewPostingBody = z.infer<typeof NewPostingBody>;

/** Leaving: the current posting's last day (yesterday: gone today). */
export const EndPostingBody = z.strictObject({ until: IsoDate });
export type EndPostingBody = z.infer<typeof EndPostingBody>;

/** Opening an organisation: its row as the file writes it. */
export const NewOrgBody = DirectoryOrgEntry;
export type NewOrgBody = z.infer<typeof NewOrgBody>;

/** What may change of an organisation (its code and kind never do); `closed: true` closes it, keeping its history. */
export const OrgChangeBody = z
  .strictObject({
    nameKo: Name.optional(),
    nameEn: Name.optional(),
    missionKind: MissionKind.nullable().optional(),
    network: DirectoryOrgEntry.shape.network.unwrap().optional(),
    timeZone: TimeZone.optional(),
    leadsTeam: z.boolean().optional(),
    teamLead: OrgCode.nullable().optional(),
    closed: z.boolean().optional(),
    actingHead: PersonEmail.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "must change at least one field");
export type OrgChangeBody = z.infer<typeof OrgChangeBody>;

/** Who holds one duty from now on, every holder at once (none: nobody holds it); tasks started after the change use it. */
export const DutyHoldersBody = z.strictObject({
  holders: z.array(DirectoryDutyEntry.omit({ duty: true })).max(100),
});
export type DutyHoldersBody = z.infer<typeof DutyHoldersBody>;

export const DirectoryEditQuery = z.object({
  dryRun: z
    .enum(["true", "false"], { message: "must be true or false" })
    .default("false")
    .transform((s) => s === "true"),
});
