/**
 * Leadership goes first: each leadership cohort's progress beside the team cohorts that follow it.
 * A leader (a member of the leadership cohort) also shares experiments and writes the note that
 * opens their teams' first session here.
 */
import { Card, Text, Title3 } from "@fluentui/react-components";
import type { CohortSummary, LeaderExperimentDto, LeadershipResponse, MeResponse, ProgressResponse } from "../../../bot/src/contract/api-contract";
import { AggregateValue } from "../components/AggregateValue";
import { autoGrid } from "../components/Layout";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { LeaderNoteForm } from "./LeaderNoteForm";
import { ShareExperimentForm } from "./ShareExperimentForm";

function Summary({ cohort, progress, aggregateOnly }: { cohort: CohortSummary; progress: ProgressResponse; aggregateOnly?: boolean }) {
  const latest = progress.weekly[progress.weekly.length - 1];
  const adoption = progress.adoption[progress.adoption.length - 1];
  return (
    <Card>
      <Text weight="semibold" block>
        {cohort.name}
      </Text>
      <Text size={200} block>
        Started {cohort.startDate} · week {cohort.currentWeek} · {cohort.memberCount} members
      </Text>
      {aggregateOnly ? <Text size={200} block>Group figures only</Text> : null}
      <div style={autoGrid(150, 12)}>
        <AggregateValue label="Participation" value={latest?.participation ?? { suppressed: true }} kind="share" />
        <AggregateValue label="Confidence" value={latest?.confidence ?? { suppressed: true }} kind="score" />
        <AggregateValue label={`Using AI (week ${adoption?.week ?? 0})`} value={adoption?.stillUsing ?? { suppressed: true }} kind="share" />
      </div>
    </Card>
  );
}

/** The leaders' own words, as plain text: they agreed to share them with their teams, with their name. */
function Experiments({ experiments }: { experiments: LeaderExperimentDto[] }) {
  if (!experiments.length) {
    return <Empty title="No experiments shared yet">When a leader shares what they tried with AI on real work, and what happened, it shows here and in the teams' next brief.</Empty>;
  }
  return (
    <Card aria-label="Experiments the leaders shared">
      <Text weight="semibold" block>
        Experiments the leaders shared
      </Text>
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {experiments.map((e) => (
          <li key={e.id}>
            <Text block weight="semibold">
              {e.leaderName} tried it on {e.work}
            </Text>
            <Text block>Tried: {e.tried}</Text>
            <Text block>What happened: {e.outcome}</Text>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export default function LeadershipView({ me }: { me?: MeResponse }) {
  const [view, reload] = useApi<LeadershipResponse>(apiRoutes.leadership.url());
  if (view.state === "loading") return <Loading label="Loading leadership view" />;
  if (view.state === "error") return <Failure error={view.error} onRetry={reload} />;
  const isAdmin = me?.roles.includes("admin") ?? false;
  const { leadership, organisationHasLeadershipCohort } = view.data;
  return (
    <section aria-labelledby="leadership-heading" style={{ display: "grid", gap: 16 }}>
      <Title3 as="h2" id="leadership-heading">
        Leadership goes first
      </Title3>
      {leadership.length === 0 && !organisationHasLeadershipCohort ? (
        <Empty title="Your organisation has no leadership cohort yet">
          Leaders go first: a leadership cohort starts before the team cohorts it leads, and its progress shows here.
          {isAdmin ? " Create one in the Cohorts tab, then link team cohorts to it." : ""}
        </Empty>
      ) : null}
      {leadership.length === 0 && organisationHasLeadershipCohort ? (
        <Empty title="None of your cohorts follows a leadership cohort">
          {isAdmin ? "Link a team cohort to its leadership cohort in the Cohorts tab, and both show here." : "When your cohort is linked to the leadership cohort that goes before it, its progress shows here."}
        </Empty>
      ) : null}
      {leadership.map((l) => (
        <div key={l.cohort.id} style={autoGrid(300, 12)}>
          <Summary cohort={l.cohort} progress={l.progress} aggregateOnly={l.aggregateOnly} />
          {l.teams.length ? (
            l.teams.map((t) => <Summary key={t.cohort.id} cohort={t.cohort} progress={t.progress} aggregateOnly={t.aggregateOnly} />)
          ) : (
            <Empty title="No team cohorts follow this leadership cohort yet">{isAdmin ? "Pick it as the leadership cohort when you create or edit a team cohort." : null}</Empty>
          )}
          <Experiments experiments={l.experiments ?? []} />
          {l.cohort.yourRole === "member" && !l.aggregateOnly ? (
            <>
              <ShareExperimentForm cohortId={l.cohort.id} teams={l.teams.map((t) => t.cohort.name)} />
              <LeaderNoteForm cohortId={l.cohort.id} />
            </>
          ) : null}
        </div>
      ))}
    </section>
  );
}
