/**
 * SCIM's writes as edits of the directory file (pure; editDirectory plans, checks and audits
 * them as an admin's edit): create a person with their first posting, replace what SCIM may
 * change of a person, delete (deactivate and end the posting, keeping every posting as history).
 */
import type { DirectoryFile, DirectoryPerson, DirectoryPosting } from "@hub/contracts";
import { addPerson, changePerson, DirectoryEditRefused, dayBefore, isCurrent, movePerson } from "@hub/db";
import { invalidValue } from "./errors";
import type { DesiredUser } from "./resource";
import { HUB_USER } from "./schemas";

function personOf(file: DirectoryFile, email: string): DirectoryPerson {
  const p = file.people.find((x) => x.email === email);
  if (!p) throw new DirectoryEditRefused(404, `No person ${email} in the directory`);
  return p;
}

/**
 * An organisation a posting may be given: one of the directory's, open; and never an
 * administrator's posting: a provisioning token cannot make an administrator (a leaked token
 * would otherwise own the whole hub), only an administrator can.
 */
function assertPostable(file: DirectoryFile, org: string, role: string, current: DirectoryPosting | undefined) {
  const o = file.organizations.find((x) => x.code === org);
  if (!o) throw invalidValue(`${HUB_USER}:organization names ${org}, which is not an organisation of the directory`);
  if (o.closed) throw invalidValue(`${org} is closed: it keeps its history but takes no new people`);
  if (role === "ADMIN" && !(current?.role === "ADMIN" && current.org === org))
    throw invalidValue("ADMIN postings are given by an administrator (POST /v1/admin/people), not through SCIM");
}

export function scimCreate(file: DirectoryFile, d: DesiredUser, today: string): DirectoryFile {
  if (d.org === undefined || d.role === undefined)
    throw invalidValue(
      `A new person needs their first posting: give ${HUB_USER} {"organization": "<code such as EMB-US>", "role": "<MISSION_STAFF, AGENCY_STAFF, …>"}` +
        " (the enterprise extension's organization is read as the organisation too)",
    );
  assertPostable(file, d.org, d.role, undefined);
  const posting = { org: d.org, role: d.role as DirectoryPosting["role"], from: today, until: null };
  const added = addPerson(file, { email: d.email, name: d.name, nameKo: d.nameKo ?? null, posting });
  return d.active ? added : changePerson(added, d.email, { active: false });
}

/** PUT (and PATCH, whose result is put): names, activity, and the posting when it changes. */
export function scimReplace(file: DirectoryFile, d: DesiredUser, today: string): DirectoryFile {
  const before = personOf(file, d.email);
  const changed = changePerson(file, d.email, { name: d.name, active: d.active, ...(d.nameKo !== undefined ? { nameKo: d.nameKo } : {}) });
  if (d.org === undefined && d.role === undefined) return changed;
  const current = before.postings.find((p) => isCurrent(p, today));
  const org = d.org ?? current?.org;
  const role = d.role ?? current?.role;
  if (org === undefined || role === undefined)
    throw invalidValue(`${d.email} holds no posting today: a new one needs both ${HUB_USER} organization and role`);
  if (current && current.org === org && current.role === role) return changed;
  assertPostable(file, org, role, current);
  const next: DirectoryPosting = { org, role: role as DirectoryPosting["role"], from: today, until: null };
  if (current?.from === today) {
    // A posting that started today is replaced outright: moving would end it before it began.
    return {
      ...changed,
      people: changed.people.map((x) =>
        x.email === d.email ? { ...x, postings: x.postings.map((p) => (p === current ? { ...next, until: p.until } : p)) } : x,
      ),
    };
  }
  return movePerson(changed, d.email, next, today);
}

/**
 * DELETE: the person leaves, and the hub keeps their history: deactivated (at once: tokens
 * refused, streams closed), the current posting ended yesterday (or today, had it started today),
 * a posting still to come dropped; ended postings stay as they are.
 */
export function scimDelete(file: DirectoryFile, email: string, today: string): DirectoryFile {
  const p = personOf(file, email);
  const yesterday = dayBefore(today);
  const postings = p.postings.flatMap((x): DirectoryPosting[] => {
    if (x.until !== null && x.until < today) return [x];
    if (x.from > today) return [];
    // Dates as text: a posting that began today ends today (it cannot end before it began).
    if (x.from > yesterday) return [{ ...x, until: x.from }];
    return [{ ...x, until: yesterday }];
  });
  return { ...file, people: file.people.map((x) => (x === p ? { ...x, active: false, postings } : x)) };
}
