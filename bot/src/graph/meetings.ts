/**
 * Live sessions as calendar events with a Teams meeting, on the organiser's (a facilitator's)
 * calendar, through Microsoft Graph v1.0 with application permissions:
 * - create: `POST /users/{organizer}/events` with `isOnlineMeeting: true`,
 *   `onlineMeetingProvider: "teamsForBusiness"`, the attendees and a `transactionId` (Graph does not
 *   create a second event for a transaction id it has seen, so a retry after a lost answer is safe);
 * - update: `PATCH /users/{organizer}/events/{id}` (times, subject, attendees; Outlook sends the update);
 * - cancel: `POST /users/{organizer}/events/{id}/cancel` with a comment (organiser only).
 * Permission: Calendars.ReadWrite (application), limited to the facilitators' mailboxes with Exchange
 * Online RBAC for Applications (or, older tenants, an application access policy); attendees' addresses
 * come from `GET /users?$filter=id in (…)` (User.Read.All, application). See the README, "Live sessions".
 * Start and end go as the cohort's local wall-clock time in its IANA zone where Graph's calendar
 * accepts that zone, else as UTC; either way the instant is the one domain/live-sessions.ts computed.
 * Throttling (429/503 with Retry-After) is handled by GraphClient; nothing here throws for Graph's answers.
 */
import { DateTime } from "luxon";
import type { MeetingCalendarPort, TeamsMeetingEvent, TeamsMeetingRequest } from "../domain/ports";
import type { TenantId, UserId } from "../domain/types";
import type { Config } from "../config";
import type { GraphClient } from "./graph-client";
import { classified, graphClientFromConfig, type GraphClientOverrides } from "./graph-result";

/** IANA zones Graph's calendar API accepts besides Windows names (its dateTimeTimeZone reference). */
const GRAPH_IANA_ZONES = new Set([
  "Etc/GMT", "Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Budapest", "Europe/Warsaw", "Europe/Bucharest", "Europe/Kiev", "Europe/Istanbul",
  "Europe/Kaliningrad", "Europe/Moscow", "Atlantic/Reykjavik", "Atlantic/Azores", "Africa/Casablanca", "Africa/Lagos", "Africa/Cairo", "Africa/Johannesburg",
  "Africa/Nairobi", "Asia/Jerusalem", "Asia/Riyadh", "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka", "Asia/Bangkok", "Asia/Shanghai",
  "Asia/Singapore", "Asia/Taipei", "Asia/Tokyo", "Asia/Seoul", "Australia/Perth", "Australia/Adelaide", "Australia/Darwin", "Australia/Brisbane",
  "Australia/Sydney", "Australia/Hobart", "Pacific/Auckland", "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Phoenix",
  "America/Denver", "America/Chicago", "America/Mexico_City", "America/Regina", "America/Bogota", "America/New_York", "America/Halifax",
  "America/St_Johns", "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Santiago",
]);

interface GraphEvent {
  id: string;
  onlineMeeting?: { joinUrl?: string } | null;
}

interface GraphUser {
  id: string;
  displayName?: string;
  mail?: string | null;
  userPrincipalName?: string;
}

/** Users per `id in (…)` filter (Graph allows 15 values in an `in` on most directory queries). */
const IDS_PER_QUERY = 15;

const userPath = (userId: UserId) => `/v1.0/users/${encodeURIComponent(userId)}`;

export function createMeetingCalendar(client: GraphClient): MeetingCalendarPort {
  /** Attendees' addresses by tenant and user id; a person's address rarely changes within a process. */
  const addresses = new Map<string, { address: string; name: string }>();

  async function attendees(tenantId: TenantId, userIds: readonly UserId[]) {
    const missing = [...new Set(userIds)].filter((id) => !addresses.has(`${tenantId}\u0000${id}`));
    for (let i = 0; i < missing.length; i += IDS_PER_QUERY) {
      const chunk = missing.slice(i, i + IDS_PER_QUERY);
      const filter = `id in (${chunk.map((id) => `'${id.replace(/'/g, "''")}'`).join(",")})`;
      const users = await client.getAll<GraphUser>(tenantId, `/v1.0/users?$filter=${encodeURIComponent(filter)}&$select=id,displayName,mail,userPrincipalName`);
      for (const u of users) {
        const address = u.mail || u.userPrincipalName;
        if (address) addresses.set(`${tenantId}\u0000${u.id}`, { address, name: u.displayName ?? address });
      }
    }
    // Someone Graph does not know (left the organisation) is left out rather than failing the meeting.
    return userIds.flatMap((id) => {
      const found = addresses.get(`${tenantId}\u0000${id}`);
      return found ? [{ emailAddress: found, type: "required" as const }] : [];
    });
  }

  async function eventBody(tenantId: TenantId, meeting: TeamsMeetingRequest) {
    return {
      subject: meeting.subject,
      body: { contentType: "text", content: meeting.bodyText },
      start: at(meeting.startsAt, meeting.timeZone),
      end: at(meeting.endsAt, meeting.timeZone),
      attendees: await attendees(tenantId, meeting.attendeeIds),
      isOnlineMeeting: true,
      onlineMeetingProvider: "teamsForBusiness",
      allowNewTimeProposals: false,
    };
  }

  /** The join link: in the answer as a rule; read back once when Graph has not filled it in yet. */
  async function withJoinUrl(tenantId: TenantId, organizerId: UserId, event: GraphEvent): Promise<TeamsMeetingEvent> {
    let joinUrl = event.onlineMeeting?.joinUrl ?? undefined;
    if (!joinUrl) {
      const read = await client.get<GraphEvent>(tenantId, `${userPath(organizerId)}/events/${encodeURIComponent(event.id)}?$select=id,onlineMeeting`);
      joinUrl = read?.onlineMeeting?.joinUrl ?? undefined;
    }
    return { eventId: event.id, ...(joinUrl ? { joinUrl } : {}) };
  }

  return {
    createMeeting: (tenantId, organizerId, meeting, transactionId) =>
      classified(async () => {
        const event = await client.post<GraphEvent>(tenantId, `${userPath(organizerId)}/events`, { ...(await eventBody(tenantId, meeting)), transactionId });
        return withJoinUrl(tenantId, organizerId, event);
      }),
    updateMeeting: (tenantId, organizerId, eventId, meeting) =>
      classified(async () => {
        const event = await client.patch<GraphEvent>(tenantId, `${userPath(organizerId)}/events/${encodeURIComponent(eventId)}`, await eventBody(tenantId, meeting));
        return withJoinUrl(tenantId, organizerId, event ?? { id: eventId });
      }),
    cancelMeeting: (tenantId, organizerId, eventId, comment) =>
      classified(async () => {
        await client.post<void>(tenantId, `${userPath(organizerId)}/events/${encodeURIComponent(eventId)}/cancel`, { comment });
      }),
  };
}

/** Graph's dateTimeTimeZone: local wall-clock time in the cohort's zone when Graph knows the zone, else UTC. */
export function at(instant: string, timeZone: string): { dateTime: string; timeZone: string } {
  const zone = GRAPH_IANA_ZONES.has(timeZone) ? timeZone : "UTC";
  return { dateTime: DateTime.fromISO(instant, { zone: "utc" }).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: zone };
}


/** The port from config, or undefined while live sessions are off (nothing asks Graph for a token). */
export function meetingCalendarFromConfig(config: Config, options: GraphClientOverrides = {}): MeetingCalendarPort | undefined {
  if (!config.liveSessions.enabled) return undefined;
  return createMeetingCalendar(graphClientFromConfig(config, options));
}
