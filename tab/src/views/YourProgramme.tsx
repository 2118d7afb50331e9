/**
 * "Your programme": the signed-in member's own history in a cohort — the briefs they were sent,
 * their commitments (with the link to the work, as plain text), their check-ins with their answers,
 * and their wins. React renders every string as text, so nothing a member typed becomes a link.
 */
import { Badge, Card, Text, Title3 } from "@fluentui/react-components";
import type { MyHistoryResponse } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";

export function YourProgramme({ cohortId }: { cohortId: string }) {
  const [history, reload] = useApi<MyHistoryResponse>(apiRoutes.myHistory.url({ cohortId }));
  if (history.state === "loading") return <Loading label="Loading your programme" />;
  if (history.state === "error") return <Failure error={history.error} onRetry={reload} />;
  const h = history.data;
  return (
    <Card>
      <Title3 as="h3">Your programme</Title3>
      {h.pausedUntil ? <Badge appearance="tint" color="informative">Paused until {h.pausedUntil}</Badge> : null}
      <section aria-label="Briefs you received">
        <Text as="h4" weight="semibold" block>Briefs you received</Text>
        {h.briefs.length ? <ul>{h.briefs.map((b) => <li key={b.sessionNumber}>Session {b.sessionNumber}: {b.title} · {b.sentOn}</li>)}</ul> : <Empty title="No briefs yet" />}
      </section>
      <section aria-label="Your commitments">
        <Text as="h4" weight="semibold" block>Your commitments</Text>
        {h.commitments.length ? (
          <ul>
            {h.commitments.map((c) => (
              <li key={c.sessionNumber}>
                Session {c.sessionNumber}: {c.deliverable} {c.done ? <Badge appearance="tint" color="success">Done</Badge> : null}
                {c.link ? <Text block size={200}>{c.link}</Text> : null}
              </li>
            ))}
          </ul>
        ) : <Empty title="No commitments yet" />}
      </section>
      <section aria-label="Your check-ins">
        <Text as="h4" weight="semibold" block>Your check-ins</Text>
        {h.checkIns.length ? h.checkIns.map((c) => (
          <div key={c.sessionNumber} style={{ marginBottom: 8 }}>
            <Text weight="semibold" block>Session {c.sessionNumber} · confidence {c.confidence}/5 · {c.minutesSaved} minutes saved</Text>
            <Text block>Tried: {c.tried}</Text>
            <Text block>Worked: {c.worked}</Text>
            <Text block>Stuck: {c.stuck}</Text>
            {c.reflectAnswers.filter((a) => a.answer).map((a) => <Text block key={a.question}>{a.question}: {a.answer}</Text>)}
          </div>
        )) : <Empty title="No check-ins yet" />}
      </section>
      <section aria-label="Your wins">
        <Text as="h4" weight="semibold" block>Your wins</Text>
        {h.wins.length ? <ul>{h.wins.map((w) => <li key={w.createdAt + w.text}>{w.text}</li>)}</ul> : <Empty title="No wins yet" />}
      </section>
    </Card>
  );
}
