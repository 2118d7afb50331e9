/**
 * People on a cohort are Entra object ids (GUIDs), chosen from a picker. A name typed where an id
 * belongs ("megan bowen"), or an e-mail address, is refused on its field in plain words, not
 * stored as somebody who does not exist.
 */
import type { AppContext } from "../../app-context";
import type { PersonSuggestion } from "../../contract/api-contract";
import { ValidationError, type FieldIssue } from "../../domain/errors";
import type { Actor } from "../../domain/types";
import { authorize } from "../access";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PEOPLE_SEARCH_LIMIT = 20;

export function isEntraObjectId(value: string): boolean {
  return GUID.test(value);
}

function why(id: string): string {
  const shown = id.length > 60 ? `${id.slice(0, 57)}…` : id;
  if (id.includes("@")) return `'${shown}' is an e-mail address, not a person's id`;
  return `'${shown}' is not a person's id`;
}

/**
 * Refuses any facilitator or member that is not an Entra object id. Ids the tenant already knows
 * (`known`: people already on the cohort, or stored people, such as the local demo personas) pass.
 */
export async function validatePeople(ctx: AppContext, tenantId: string, input: { facilitatorIds: string[]; members: Array<{ userId: string }> }, alreadyOnCohort: Iterable<string> = []): Promise<void> {
  const allowed = new Set(alreadyOnCohort);
  const doubtful = [...new Set([...input.facilitatorIds, ...input.members.map((m) => m.userId)])].filter((id) => !isEntraObjectId(id) && !allowed.has(id));
  if (doubtful.length === 0) return;
  for (const p of await ctx.repos.people.getMany(tenantId, doubtful)) allowed.add(p.userId);
  const ok = (id: string) => isEntraObjectId(id) || allowed.has(id);
  const issues: FieldIssue[] = [
    ...input.facilitatorIds.flatMap((id, i) => (ok(id) ? [] : [{ field: `facilitatorIds.${i}`, message: `Facilitator ${i + 1}: choose a person from the list; ${why(id)}.` }])),
    ...input.members.flatMap((m, i) => (ok(m.userId) ? [] : [{ field: `members.${i}.userId`, message: `Member ${i + 1}: choose a person from the list; ${why(m.userId)}.` }])),
  ];
  if (!issues.length) return;
  const shown = issues.slice(0, 3).map((i) => i.message).join(" ");
  const more = issues.length > 3 ? ` And ${issues.length - 3} more.` : "";
  throw new ValidationError(`${issues.length === 1 ? "Please fix this" : "Please fix these"}: ${shown}${more}`, issues);
}

/**
 * For the people picker: up to 20 people the tenant already knows (people the bot has met and
 * cohort members) whose name contains `text`. Admins and facilitators only; never another tenant's.
 */
export async function searchPeople(ctx: AppContext, actor: Actor, text: string): Promise<PersonSuggestion[]> {
  await authorize(ctx, actor, "people.search");
  const cohorts = await ctx.repos.cohorts.list(actor.tenantId);
  const needle = text.trim().slice(0, 100);
  const lower = needle.toLocaleLowerCase();
  const found = new Map<string, PersonSuggestion>();
  for (const p of await ctx.repos.people.search(actor.tenantId, needle, PEOPLE_SEARCH_LIMIT)) found.set(p.userId, { userId: p.userId, displayName: p.displayName });
  for (const cohort of cohorts) {
    if (found.size >= PEOPLE_SEARCH_LIMIT) break;
    for (const m of await ctx.repos.memberships.listByCohort(actor.tenantId, cohort.id)) {
      if (found.size >= PEOPLE_SEARCH_LIMIT) break;
      if (found.has(m.userId) || (lower && !m.displayName.toLocaleLowerCase().includes(lower))) continue;
      found.set(m.userId, { userId: m.userId, displayName: m.displayName });
    }
  }
  return [...found.values()].sort((a, b) => a.displayName.localeCompare(b.displayName)).slice(0, PEOPLE_SEARCH_LIMIT);
}

/**
 * Remembers the names of a cohort's facilitators as the people picker gave them, for people the app
 * has not met yet (or knows only by id), so every view shows them by name. A name the bot already
 * has from Teams stays, and so does how to reach the person.
 */
export async function rememberFacilitatorNames(ctx: AppContext, tenantId: string, input: { facilitatorIds: string[]; facilitatorNames?: Array<{ userId: string; displayName: string }> }): Promise<void> {
  const named = (input.facilitatorNames ?? []).filter((f) => input.facilitatorIds.includes(f.userId));
  if (named.length === 0) return;
  const known = new Map((await ctx.repos.people.getMany(tenantId, named.map((f) => f.userId))).map((p) => [p.userId, p]));
  const updatedAt = ctx.clock.now().toISOString();
  for (const f of named) {
    if (known.get(f.userId)?.displayName) continue;
    await ctx.repos.people.upsert({ tenantId, userId: f.userId, displayName: f.displayName, updatedAt });
  }
}
