/**
 * The channel tab's configuration page (the manifest's configurationUrl, /tab/configure): pick the
 * cohort this channel follows, and Teams' Save becomes available; Save stores a tab that opens that
 * cohort's programme (/tab/programme?cohort=<id>).
 */
import { Field, Select, Text, Title3 } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { CohortSummary } from "../../../bot/src/contract/api-contract";
import { Empty, Failure, Loading } from "../components/States";
import { isInTeams, offerTabConfig, type TabConfig } from "../teams";
import { useApi } from "../useApi";
import { apiRoutes } from "../../../bot/src/contract/api-routes";

export function tabConfigFor(cohort: CohortSummary, origin: string): TabConfig {
  const url = `${origin}/tab/programme?cohort=${encodeURIComponent(cohort.id)}`;
  return { contentUrl: url, websiteUrl: url, entityId: `programme-${cohort.id}`, suggestedDisplayName: `Programme: ${cohort.name}` };
}

export default function ConfigureView() {
  const [cohorts, reload] = useApi<CohortSummary[]>(apiRoutes.cohorts.url());
  const [cohortId, setCohortId] = useState("");
  const staffCohorts = cohorts.state === "ready" ? cohorts.data.filter((c) => c.yourRole !== "member") : [];
  const chosen = staffCohorts.find((c) => c.id === cohortId);

  useEffect(() => {
    offerTabConfig(chosen ? tabConfigFor(chosen, window.location.origin) : undefined);
  }, [chosen]);

  if (cohorts.state === "loading") return <Loading label="Loading your cohorts" />;
  if (cohorts.state === "error") return <Failure error={cohorts.error} onRetry={reload} />;
  return (
    <section aria-labelledby="configure-heading" style={{ display: "grid", gap: 12, maxWidth: 560 }}>
      <Title3 as="h2" id="configure-heading">
        Add Cohort Coach to this channel
      </Title3>
      {staffCohorts.length === 0 ? (
        <Empty title="No cohorts to show here">You can add this tab for the cohorts you facilitate. An admin can make you a cohort's facilitator in the Cohorts tab.</Empty>
      ) : (
        <>
          <Text block>Choose the cohort whose programme this channel should show: its timeline, progress and who needs help.</Text>
          <Field label="Cohort for this channel" required hint={chosen ? `The tab will be called “Programme: ${chosen.name}”. Press Save to add it.` : "Pick a cohort to enable Save."}>
            <Select value={cohortId} onChange={(_e, d) => setCohortId(d.value)}>
              <option value="">Choose a cohort</option>
              {staffCohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} (week {c.currentWeek})
                </option>
              ))}
            </Select>
          </Field>
          {!isInTeams() ? <Text size={200}>Open this page from Teams (add a tab to a channel) to save it.</Text> : null}
        </>
      )}
    </section>
  );
}
