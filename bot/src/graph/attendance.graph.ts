/**
 * Who came to a live session, from Teams' attendance reports, through Microsoft Graph v1.0 with
 * application permissions (OnlineMeetingArtifact.Read.All; the tenant's admin must also grant the
 * app an application access policy for the organisers — README, "Live sessions"):
 * 1. `GET /users/{organizer}/onlineMeetings?$filter=JoinWebUrl eq '{joinUrl}'` finds the meeting
 *    behind the calendar event (the event only knows its join link);
 * 2. `GET /users/{organizer}/onlineMeetings/{id}/attendanceReports`: one report per time the meeting
 *    ran and ended (none yet while Teams is still making it);
 * 3. `GET …/attendanceReports/{reportId}/attendanceRecords`: `identity.id` is the attendee's Entra
 *    object id, which is our UserId.
 * Every list is paged with `@odata.nextLink`; 429/503 with Retry-After are waited out by GraphClient.
 * Nothing here throws for Graph's answers: failures are classified for the scheduler.
 */
import type { MeetingAttendance, MeetingAttendancePort } from "../domain/ports";
import type { UserId } from "../domain/types";
import type { Config } from "../config";
import { GraphClient, GraphError } from "./graph-client";
import { classified, graphClientFromConfig, type GraphClientOverrides } from "./graph-result";

interface GraphOnlineMeeting {
  id: string;
  joinWebUrl?: string;
}

interface GraphAttendanceReport {
  id: string;
  meetingStartDateTime?: string;
  meetingEndDateTime?: string;
}

interface GraphAttendanceRecord {
  identity?: { id?: string | null; displayName?: string | null } | null;
  role?: string;
  totalAttendanceInSeconds?: number;
}

const meetingsOf = (organizerId: UserId) => `/v1.0/users/${encodeURIComponent(organizerId)}/onlineMeetings`;

export function createMeetingAttendance(client: GraphClient): MeetingAttendancePort {
  return {
    meetingAttendance: (tenantId, organizerId, joinUrl) =>
      classified(async (): Promise<MeetingAttendance> => {
        const filter = `JoinWebUrl eq '${joinUrl.replace(/'/g, "''")}'`;
        const found = await client.getAll<GraphOnlineMeeting>(tenantId, `${meetingsOf(organizerId)}?$filter=${encodeURIComponent(filter)}`);
        const meeting = found[0];
        if (!meeting) throw new GraphError(404, "onlineMeetingNotFound", "Graph has no online meeting with this join link");
        const base = `${meetingsOf(organizerId)}/${encodeURIComponent(meeting.id)}/attendanceReports`;
        const reports = await client.getAll<GraphAttendanceReport>(tenantId, base);
        const attendees = new Set<UserId>();
        for (const report of reports) {
          const records = await client.getAll<GraphAttendanceRecord>(tenantId, `${base}/${encodeURIComponent(report.id)}/attendanceRecords`);
          for (const r of records) if (r.identity?.id) attendees.add(r.identity.id);
        }
        return { reports: reports.length, attendeeIds: [...attendees].sort() };
      }),
  };
}


/** The port from config, or undefined while live sessions are off (nothing asks Graph for a token). */
export function meetingAttendanceFromConfig(config: Config, options: GraphClientOverrides = {}): MeetingAttendancePort | undefined {
  if (!config.liveSessions.enabled) return undefined;
  return createMeetingAttendance(graphClientFromConfig(config, options));
}

