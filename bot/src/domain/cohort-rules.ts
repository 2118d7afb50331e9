/** Rules a cohort's schedule must keep. Leadership goes first: a team cohort starts after its leaders'. */
import { ValidationError } from "./errors";
import type { Cohort } from "./types";
import { assertTimeZone, parseLocalDate } from "./working-days";

type Schedule = Pick<Cohort, "kind" | "startDate" | "timeZone" | "leadershipCohortId">;

export function validateCohortSchedule(cohort: Schedule, leadershipCohort?: Pick<Cohort, "id" | "kind" | "startDate" | "name">): void {
  assertTimeZone(cohort.timeZone);
  parseLocalDate(cohort.startDate, cohort.timeZone, "startDate");
  if (cohort.kind === "leadership" && cohort.leadershipCohortId) {
    throw new ValidationError("A leadership cohort cannot itself follow another leadership cohort.", [{ field: "leadershipCohortId", message: "must be empty for a leadership cohort" }]);
  }
  if (!cohort.leadershipCohortId) return;
  if (!leadershipCohort || leadershipCohort.kind !== "leadership") {
    throw new ValidationError("The leadership cohort was not found.", [{ field: "leadershipCohortId", message: "must name a leadership cohort in your organisation" }]);
  }
  if (cohort.startDate <= leadershipCohort.startDate) {
    throw new ValidationError(
      `Leadership goes first: this cohort must start after "${leadershipCohort.name}" (which starts ${leadershipCohort.startDate}).`,
      [{ field: "startDate", message: `must be after ${leadershipCohort.startDate}, when the leadership cohort starts` }],
    );
  }
}
