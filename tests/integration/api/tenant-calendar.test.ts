/**
 * The organisation's calendar over HTTP: an admin sets the working days and holidays, a facilitator
 * may read but not change them, every cohort follows them unless it sets its own, and a date that
 * does not exist is refused beside the field it was typed in.
 */
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const T = "tenant-calendar-0000";
const adminPerson = person(1, "Ada Admin");
const megan = person(10, "Megan Bowen");
const member = person(20, "Member One");

describe("the organisation's calendar", () => {
  let server: TestServer;
  let admin: ApiCaller;
  let facilitator: ApiCaller;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-04-20T09:00:00.000Z" });
    // Friday 8 May 2026: a Monday–Friday cohort starts that day, a Sunday–Thursday one on Sunday 10 May.
    await seedCohort(server.repos, { tenantId: T, cohortId: "riyadh", startDate: "2026-05-08", members: [member], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    admin = await apiAs(server, { tenantId: T, userId: adminPerson.aadObjectId, displayName: adminPerson.name, isAdmin: true });
    facilitator = await apiAs(server, { tenantId: T, userId: megan.aadObjectId, displayName: megan.name });
  });
  afterAll(() => server.close());

  const firstBrief = async () => ((await admin.get("/api/cohorts/riyadh/timeline")).body.events as Array<{ key: string; localDate: string; localTime: string }>).find((e) => e.key === "s1.learn")!;
  const editBody = async (changes: object) => {
    const d = (await admin.get("/api/cohorts/riyadh")).body;
    return { name: d.name, kind: d.kind, trackId: d.trackId, startDate: d.startDate, timeZone: d.timeZone, localTime: d.localTime, facilitatorIds: d.facilitators.map((f: { userId: string }) => f.userId), members: d.members, status: d.status, etag: d.etag, ...changes };
  };

  it("when nobody has set it, then it is Monday to Friday with no holidays", async () => {
    const res = await admin.get("/api/calendar");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ workingDays: [1, 2, 3, 4, 5], holidays: [] });
    expect((await firstBrief()).localDate).toBe("2026-05-08");
  });

  it("when an admin sets Sunday to Thursday, then a cohort without its own calendar follows it and gets its first cards on Sunday", async () => {
    const res = await admin.send("PUT", "/api/calendar", { workingDays: [7, 1, 2, 3, 4], holidays: ["2026-12-25", "2026-05-28"] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ workingDays: [1, 2, 3, 4, 7], holidays: ["2026-05-28", "2026-12-25"], etag: expect.any(String) });
    expect(await firstBrief()).toMatchObject({ localDate: "2026-05-10", localTime: "09:30" });
    expect((await admin.get("/api/cohorts/riyadh")).body.calendar).toEqual({ workingDays: [1, 2, 3, 4, 7], holidays: ["2026-05-28", "2026-12-25"], inherited: true });
  });

  it("when a facilitator tries to change it, then they are refused and it stays as it was, though they may read it", async () => {
    const res = await facilitator.send("PUT", "/api/calendar", { workingDays: [1, 2, 3, 4, 5], holidays: [] });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe("Only admins can change the organisation's working days and holidays.");
    const read = await facilitator.get("/api/calendar");
    expect(read.status).toBe(200);
    expect(read.body.workingDays).toEqual([1, 2, 3, 4, 7]);
  });

  it("when a cohort sets its own working days, then they win over the organisation's, and leaving them out follows the organisation again", async () => {
    const own = await admin.send("PUT", "/api/cohorts/riyadh", await editBody({ workingDays: [1, 2, 3, 4, 5], holidays: [] }));
    expect(own.status).toBe(200);
    expect((await admin.get("/api/cohorts/riyadh")).body).toMatchObject({ workingDays: [1, 2, 3, 4, 5], holidays: [], calendar: { workingDays: [1, 2, 3, 4, 5], holidays: [], inherited: false } });
    expect((await firstBrief()).localDate).toBe("2026-05-08");

    const back = await admin.send("PUT", "/api/cohorts/riyadh", await editBody({}));
    expect(back.status).toBe(200);
    expect((await admin.get("/api/cohorts/riyadh")).body.calendar.inherited).toBe(true);
    expect((await firstBrief()).localDate).toBe("2026-05-10");
  });

  it("when a holiday is not a real date or a working day is not a weekday, then each is refused on its field and nothing is saved", async () => {
    const before = (await admin.get("/api/calendar")).body;
    const res = await admin.send("PUT", "/api/calendar", { workingDays: [1, 8], holidays: ["2026-02-30"], etag: before.etag });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([
      { field: "workingDays.1", message: "Working days, item 2 must be 7 or less." },
      { field: "holidays.0", message: "Holidays, item 1 must be a real date like 2026-12-25." },
    ]);
    expect((await admin.get("/api/calendar")).body).toEqual(before);

    const cohort = await admin.send("PUT", "/api/cohorts/riyadh", await editBody({ holidays: ["next friday"] }));
    expect(cohort.status).toBe(400);
    expect(cohort.body.error.issues.map((i: { field: string }) => i.field)).toEqual(["holidays.0"]);
  });
});
