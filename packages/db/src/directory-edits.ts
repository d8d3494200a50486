/**
 * One change at a time, as an edit of the directory file (editDirectory plans, checks and audits
 * it as an import): add a person, change their names or deactivate them, move them to a new
 * posting, end their posting; open or change an organisation; set who holds a duty. Pure: the
 * file in, the file as it should be out, or a refusal.
 */
import type {
  DirectoryFile,
  DirectoryOrgEntry,
  DirectoryPerson,
  DutyHoldersBody,
  NewOrgBody,
  NewPersonBody,
  NewPostingBody,
  OrgChangeBody,
  PersonChangeBody,
} from "@hub/contracts";
import { dayBefore, isCurrent } from "./directory-plan";

/** Why an edit cannot be made, as the API answers it. */
export class DirectoryEditRefused extends Error {
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

function personOf(file: DirectoryFile, email: string): DirectoryPerson {
  const p = file.people.find((x) => x.email === email);
  if (!p) throw new DirectoryEditRefused(404, `No person ${email} in the directory`);
  return p;
}

export function addPerson(file: DirectoryFile, body: NewPersonBody): DirectoryFile {
  if (file.people.some((x) => x.email === body.email))
    throw new DirectoryEditRefused(409, `${body.email} is already in the directory: change that person, or give them a new posting`);
  return { ...file, people: [...file.people, { email: body.email, name: body.name, nameKo: body.nameKo, active: true, postings: [body.posting] }] };
}

export function changePerson(file: DirectoryFile, email: string, body: PersonChangeBody): DirectoryFile {
  const p = personOf(file, email);
  return { ...file, people: file.people.map((x) => (x === p ? { ...x, ...body } : x)) };
}

/**
 * A move or a role change: the new posting, and the posting open on its first day ends the day
 * before, so at most one is ever current. A posting cannot start on or before the current one's first day.
 */
export function movePerson(file: DirectoryFile, email: string, next: NewPostingBody, today: string): DirectoryFile {
  const p = personOf(file, email);
  const open = p.postings.find((x) => isCurrent(x, next.from)) ?? p.postings.find((x) => isCurrent(x, today));
  if (open && open.from >= next.from)
    throw new DirectoryEditRefused(409, `${email}'s posting at ${open.org} starts ${open.from}: a new posting must start after it`);
  const ended = p.postings.map((x) => (x === open && (x.until === null || x.until >= next.from) ? { ...x, until: dayBefore(next.from) } : x));
  return { ...file, people: file.people.map((x) => (x === p ? { ...x, postings: [...ended, next] } : x)) };
}

/** Leaving: the posting current today (or the next one not yet started) ends on `until`. */
export function endPosting(file: DirectoryFile, email: string, until: string, today: string): DirectoryFile {
  const p = personOf(file, email);
  const open = p.postings.find((x) => isCurrent(x, today)) ?? p.postings.find((x) => x.from > today);
  if (!open) throw new DirectoryEditRefused(409, `${email} has no current posting to end`);
  if (until < open.from) throw new DirectoryEditRefused(409, `${email}'s posting at ${open.org} starts ${open.from}: it cannot end before it starts`);
  return { ...file, people: file.people.map((x) => (x === p ? { ...x, postings: x.postings.map((y) => (y === open ? { ...y, until } : y)) } : x)) };
}

function orgOf(file: DirectoryFile, code: string): DirectoryOrgEntry {
  const o = file.organizations.find((x) => x.code === code);
  if (!o) throw new DirectoryEditRefused(404, `No organisation ${code} in the directory`);
  return o;
}

export function addOrg(file: DirectoryFile, org: NewOrgBody): DirectoryFile {
  if (file.organizations.some((x) => x.code === org.code))
    throw new DirectoryEditRefused(409, `${org.code} is already in the directory: change it instead (a closed one can be reopened)`);
  return { ...file, organizations: [...file.organizations, org] };
}

export function changeOrg(file: DirectoryFile, code: string, body: OrgChangeBody): DirectoryFile {
  const o = orgOf(file, code);
  return { ...file, organizations: file.organizations.map((x) => (x === o ? { ...x, ...body } : x)) };
}

/** The duty's holders become exactly these; the other duties stay as they are. */
export function setDutyHolders(file: DirectoryFile, duty: string, body: DutyHoldersBody): DirectoryFile {
  return { ...file, duties: [...file.duties.filter((d) => d.duty !== duty), ...body.holders.map((h) => ({ duty, ...h }))] };
}
