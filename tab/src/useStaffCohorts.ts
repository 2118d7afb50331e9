import { useEffect, useState } from "react";
import type { CohortSummary } from "../../bot/src/contract/api-contract";
import { apiRoutes } from "../../bot/src/contract/api-routes";
import { useApi, type Loadable } from "./useApi";

export interface StaffCohorts {
  cohorts: Loadable<CohortSummary[]>;
  reload: () => void;
  /** The cohorts the caller facilitates (or, as an admin, every cohort): members' own are left out. */
  staffCohorts: CohortSummary[];
  /** The chosen cohort: the first staff cohort until the user picks another. */
  cohortId: string | undefined;
  setCohortId: (id: string) => void;
}

/** The cohort picker's state for the staff-only views (questions, live sessions). */
export function useStaffCohorts(): StaffCohorts {
  const [cohorts, reload] = useApi<CohortSummary[]>(apiRoutes.cohorts.url());
  const [cohortId, setCohortId] = useState<string>();
  const staffCohorts = cohorts.state === "ready" ? cohorts.data.filter((c) => c.yourRole !== "member") : [];
  useEffect(() => {
    if (!cohortId && staffCohorts[0]) setCohortId(staffCohorts[0].id);
  }, [cohortId, staffCohorts]);
  return { cohorts, reload, staffCohorts, cohortId, setCohortId };
}
