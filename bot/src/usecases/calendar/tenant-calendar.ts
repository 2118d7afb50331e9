/**
 * The organisation's working days and holidays. Admins set them once; every cohort follows them
 * unless it sets its own (the cohort store attaches them to each cohort it reads).
 */
import type { AppContext } from "../../app-context";
import type { TenantCalendarInput, TenantCalendarResponse } from "../../contract/api-contract";
import type { Versioned } from "../../domain/ports";
import type { Actor, TenantCalendar } from "../../domain/types";
import { DEFAULT_WORKING_DAYS } from "../../domain/working-days";
import { authorize } from "../access";

export async function getTenantCalendar(ctx: AppContext, actor: Actor): Promise<TenantCalendarResponse> {
  await authorize(ctx, actor, "calendar.read");
  return toResponse(await ctx.repos.calendars.get(actor.tenantId));
}

export async function saveTenantCalendar(ctx: AppContext, actor: Actor, input: TenantCalendarInput): Promise<TenantCalendarResponse> {
  await authorize(ctx, actor, "calendar.manage");
  const calendar: TenantCalendar = {
    tenantId: actor.tenantId,
    workingDays: [...input.workingDays].sort((a, b) => a - b),
    holidays: [...new Set(input.holidays)].sort(),
    updatedAt: ctx.clock.now().toISOString(),
    updatedBy: actor.userId,
  };
  return toResponse(await ctx.repos.calendars.save(calendar, input.etag));
}

function toResponse(calendar: Versioned<TenantCalendar> | undefined): TenantCalendarResponse {
  if (!calendar) return { workingDays: DEFAULT_WORKING_DAYS, holidays: [] };
  return { workingDays: calendar.workingDays, holidays: calendar.holidays, etag: calendar.etag, updatedAt: calendar.updatedAt };
}
