/**
 * Calendar routes for the local stand-in for Microsoft Graph (graph-stub.ts), which cannot run
 * here: `POST /v1.0/users/{id}/events` (a Teams meeting, deduplicated by `transactionId` as Graph
 * does), `PATCH` and `GET` of an event, `POST …/events/{id}/cancel`, and the attendees' lookup
 * `GET /v1.0/users?$filter=id in (…)&$select=id,displayName,mail,userPrincipalName` (a stand-in
 * user's mail is their UPN). It records every event with its history. Plug it in with
 * `stub.use(calendar.route)`.
 *
 * Attendance, as Teams reports it once a meeting is over: `GET /v1.0/users/{id}/onlineMeetings?
 * $filter=JoinWebUrl eq '{joinUrl}'` finds the online meeting behind an event, then
 * `…/onlineMeetings/{id}/attendanceReports` and `…/attendanceReports/{reportId}/attendanceRecords`
 * (paged with `@odata.nextLink`, `recordsPageSize` records a page) list who joined, each record's
 * `identity.id` being the attendee's Entra object id. Tests say who attended with `setAttendance`;
 * until they do, a meeting has no report yet. Refusals (403) go through the stub's `refuse`.
 * Like the rest of the stand-in, this is not Microsoft Graph: it answers the same shapes.
 */
import type http from "node:http";
import type { GraphStubRoute } from "./graph-stub";

export interface StandInEvent {
  id: string;
  tenantId: string;
  organizerId: string;
  subject: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  /** Attendees' addresses, in the order sent. */
  attendees: string[];
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  transactionId?: string;
  joinUrl: string;
  cancelled: boolean;
  cancelComment?: string;
  history: Array<"created" | "updated" | "cancelled">;
}

export interface CalendarStandIn {
  route: GraphStubRoute;
  events: StandInEvent[];
  /** Event creations received (a repeated transaction id included). */
  creations: number;
  /** Events not cancelled. */
  live(tenantId?: string): StandInEvent[];
  /** Who joined the meeting with this join link: one attendance report per list (none: no report yet). */
  setAttendance(joinUrl: string, ...reports: string[][]): void;
  /** Attendance records per page (default 2, so paging is always exercised). */
  recordsPageSize: number;
}

interface EventBody {
  subject?: string;
  start?: { dateTime?: string; timeZone?: string };
  end?: { dateTime?: string; timeZone?: string };
  attendees?: Array<{ emailAddress?: { address?: string } }>;
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  transactionId?: string;
}

export function calendarStandIn(): CalendarStandIn {
  const events: StandInEvent[] = [];
  const view = (e: StandInEvent) => ({
    id: e.id,
    subject: e.subject,
    start: e.start,
    end: e.end,
    attendees: e.attendees.map((address) => ({ emailAddress: { address, name: address }, type: "required" })),
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeetingProvider: e.onlineMeetingProvider,
    onlineMeeting: { joinUrl: e.joinUrl },
    ...(e.transactionId ? { transactionId: e.transactionId } : {}),
  });

  const attendance = new Map<string, string[][]>();
  const attendanceRoute: GraphStubRoute = (req, _res, { tenantId, url, users, send, error }) => {
    const m = /^\/v1\.0\/users\/([^/]+)\/onlineMeetings(?:\/([^/]+)\/attendanceReports(?:\/([^/]+)\/attendanceRecords)?)?$/.exec(url.pathname);
    if (!m || (req.method ?? "GET") !== "GET") return false;
    const organizerId = decodeURIComponent(m[1]!);
    if (!users.some((u) => u.id === organizerId)) return error(404, "ErrorInvalidUser", "The requested user is invalid."), true;
    const mine = events.filter((e) => e.tenantId === tenantId && e.organizerId === organizerId);
    if (!m[2]) {
      const filter = /^JoinWebUrl eq '(.*)'$/.exec(url.searchParams.get("$filter") ?? "");
      if (!filter) return error(400, "BadRequest", "This stand-in answers only $filter=JoinWebUrl eq '...'."), true;
      const joinUrl = filter[1]!.replace(/''/g, "'");
      send(200, { value: mine.filter((e) => e.joinUrl === joinUrl).map((e) => ({ id: onlineMeetingIdOf(e), joinWebUrl: e.joinUrl, subject: e.subject })) });
      return true;
    }
    const event = mine.find((e) => onlineMeetingIdOf(e) === decodeURIComponent(m[2]!));
    if (!event) return error(404, "NotFound", "The online meeting was not found."), true;
    const reports = attendance.get(event.joinUrl) ?? [];
    if (!m[3]) {
      send(200, { value: reports.map((ids, i) => ({ id: `stand-in-report-${i + 1}`, totalParticipantCount: ids.length, meetingStartDateTime: event.start.dateTime, meetingEndDateTime: event.end.dateTime })) });
      return true;
    }
    const index = Number(/^stand-in-report-(\d+)$/.exec(decodeURIComponent(m[3]))?.[1] ?? "0") - 1;
    const ids = reports[index];
    if (!ids) return error(404, "NotFound", "The attendance report was not found."), true;
    const skip = Number(url.searchParams.get("$skiptoken") ?? "0");
    const page = ids.slice(skip, skip + stub.recordsPageSize);
    const next = skip + stub.recordsPageSize < ids.length ? `http://${req.headers.host}${url.pathname}?$skiptoken=${skip + stub.recordsPageSize}` : undefined;
    send(200, {
      ...(next ? { "@odata.nextLink": next } : {}),
      value: page.map((id) => {
        const user = users.find((u) => u.id === id);
        return { id: `record-${id}`, emailAddress: user?.userPrincipalName ?? null, totalAttendanceInSeconds: 1800, role: id === organizerId ? "Organizer" : "Attendee", identity: { id, displayName: user?.displayName ?? null, tenantId }, attendanceIntervals: [] };
      }),
    });
    return true;
  };

  const route: GraphStubRoute = (req, res, extra) => {
    if (attendanceRoute(req, res, extra)) return true;
    const { tenantId, url, users, send, error } = extra;
    const method = req.method ?? "GET";
    if (url.pathname === "/v1.0/users" && method === "GET" && (url.searchParams.get("$select") ?? "").split(",").includes("mail")) {
      const match = /^id in \((.*)\)$/.exec(url.searchParams.get("$filter") ?? "");
      if (!match) return error(400, "BadRequest", "This stand-in answers only $filter=id in (...)."), true;
      const ids = match[1]!.split(",").map((s) => s.trim().replace(/^'|'$/g, ""));
      if (ids.length > 15) return error(400, "Request_UnsupportedQuery", "Too many values in the in operator: at most 15."), true;
      send(200, { value: users.filter((u) => ids.includes(u.id)).map((u) => ({ id: u.id, displayName: u.displayName, mail: u.userPrincipalName, userPrincipalName: u.userPrincipalName })) });
      return true;
    }
    const m = /^\/v1\.0\/users\/([^/]+)\/events(?:\/([^/]+)(\/cancel)?)?$/.exec(url.pathname);
    if (!m) return false;
    const organizerId = decodeURIComponent(m[1]!);
    const eventId = m[2] ? decodeURIComponent(m[2]) : undefined;
    if (!users.some((u) => u.id === organizerId)) return error(404, "ErrorInvalidUser", "The requested user is invalid."), true;
    const found = eventId ? events.find((e) => e.id === eventId && e.tenantId === tenantId && e.organizerId === organizerId) : undefined;

    void readJson(req).then((body) => {
      if (!eventId && method === "POST") {
        if (body.isOnlineMeeting !== true || body.onlineMeetingProvider !== "teamsForBusiness") return error(400, "BadRequest", "Expected a Teams meeting.");
        if (!body.subject || !body.start?.dateTime || !body.start.timeZone || !body.end?.dateTime || !body.end.timeZone) return error(400, "BadRequest", "subject, start and end are required.");
        stub.creations++;
        // Graph: an event with the same transaction id is not created twice.
        const same = body.transactionId ? events.find((e) => e.tenantId === tenantId && e.organizerId === organizerId && e.transactionId === body.transactionId) : undefined;
        if (same) return send(201, view(same));
        const n = events.length + 1;
        const event: StandInEvent = {
          id: `stand-in-event-${n}`,
          tenantId,
          organizerId,
          subject: body.subject,
          start: body.start as StandInEvent["start"],
          end: body.end as StandInEvent["end"],
          attendees: (body.attendees ?? []).map((a) => a.emailAddress?.address ?? ""),
          isOnlineMeeting: true,
          onlineMeetingProvider: body.onlineMeetingProvider,
          ...(body.transactionId ? { transactionId: body.transactionId } : {}),
          joinUrl: `https://teams.microsoft.com/l/meetup-join/stand-in-${n}`,
          cancelled: false,
          history: ["created"],
        };
        events.push(event);
        return send(201, view(event));
      }
      if (!found || found.cancelled) return error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
      if (method === "GET" && !m[3]) return send(200, view(found));
      if (method === "PATCH" && !m[3]) {
        if (body.subject) found.subject = body.subject;
        if (body.start?.dateTime) found.start = body.start as StandInEvent["start"];
        if (body.end?.dateTime) found.end = body.end as StandInEvent["end"];
        if (body.attendees) found.attendees = body.attendees.map((a) => a.emailAddress?.address ?? "");
        found.history.push("updated");
        return send(200, view(found));
      }
      if (method === "POST" && m[3]) {
        found.cancelled = true;
        found.cancelComment = (body as { comment?: string }).comment;
        found.history.push("cancelled");
        res.writeHead(202);
        return res.end();
      }
      return error(405, "MethodNotAllowed", "Not served by the stand-in.");
    });
    return true;
  };

  const stub: CalendarStandIn = {
    route,
    events,
    creations: 0,
    live: (tenantId) => events.filter((e) => !e.cancelled && (!tenantId || e.tenantId === tenantId)),
    setAttendance: (joinUrl, ...reports) => void attendance.set(joinUrl, reports),
    recordsPageSize: 2,
  };
  return stub;
}

/** The online meeting behind a stand-in event (Graph's ids differ between the two; so do these). */
const onlineMeetingIdOf = (e: StandInEvent) => `stand-in-online-meeting-${e.id.replace(/^stand-in-event-/, "")}`;

async function readJson(req: http.IncomingMessage): Promise<EventBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as EventBody) : {};
}
