/**
 * The facilitator's run-sheet for one live session: the plan from the track, what the cohort
 * reported (figures only), who is stuck, the open questions and the previous session's attendance.
 * Everything members wrote is shown as plain text.
 */
import { Badge, Card, Text, Title3, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { LiveSessionDto, RunSheetResponse } from "../../../bot/src/contract/live-sessions-contract";
import { attendanceText, longDate } from "./LiveSessionAttendance";

type Selected = NonNullable<RunSheetResponse["selected"]>;

const REASON_LABEL: Record<Selected["stuck"][number]["reason"], string> = {
  "asked-for-help": "Asked for help",
  "stuck-twice": "Stuck twice",
  "missed-two-checkins": "Missed two check-ins",
};

const listStyle: React.CSSProperties = { margin: "4px 0 0", paddingLeft: 20, display: "grid", gap: 4 };

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card role="region" aria-labelledby={id} style={{ minWidth: 0 }}>
      <Text as="h4" id={id} weight="semibold" size={400} block>
        {title}
      </Text>
      {children}
    </Card>
  );
}

export function RunSheet({ selected, sessions }: { selected: Selected; sessions: LiveSessionDto[] }) {
  const { session, plan, reported, stuck, openQuestions, lastAttendance } = selected;
  const previous = sessions.filter((s) => s.startsAt < session.startsAt).at(-1);
  return (
    <section aria-labelledby="run-sheet-heading" style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12 }}>
      <Title3 as="h3" id="run-sheet-heading">
        Run-sheet: {session.title}
      </Title3>

      <Section id="run-sheet-plan" title={`Session plan: session ${plan.sessionNumber}, ${plan.title}`}>
        {plan.workflow ? <Text block weight="semibold">{plan.workflow}</Text> : null}
        {plan.summary ? <Text block>{plan.summary}</Text> : null}
        {plan.tryThis.length ? (
          <>
            <Text block weight="semibold" style={{ marginTop: 8 }}>
              Try this
            </Text>
            <ol style={listStyle}>
              {plan.tryThis.map((step, i) => (
                <li key={i}>{step}</li>
              ))}
            </ol>
          </>
        ) : null}
        {plan.examplePrompt ? (
          <>
            <Text block weight="semibold" style={{ marginTop: 8 }}>
              Example prompt
            </Text>
            <Text block style={{ whiteSpace: "pre-wrap", background: tokens.colorNeutralBackground3, padding: 8, borderRadius: tokens.borderRadiusMedium }}>
              {plan.examplePrompt}
            </Text>
          </>
        ) : null}
        {plan.watchOut ? (
          <Text block style={{ marginTop: 8 }}>
            <Text weight="semibold">Watch out: </Text>
            {plan.watchOut}
          </Text>
        ) : null}
        {plan.reflectQuestions.length ? (
          <>
            <Text block weight="semibold" style={{ marginTop: 8 }}>
              Reflect questions
            </Text>
            <ul style={listStyle}>
              {plan.reflectQuestions.map((q, i) => (
                <li key={i}>{q}</li>
              ))}
            </ul>
          </>
        ) : null}
        {!plan.workflow && !plan.tryThis.length ? <Text block>The track has no plan for this session.</Text> : null}
      </Section>

      {session.kind === "clinic" ? (
        <Section id="run-sheet-reported" title={`What the cohort reported on session ${session.sessionNumber}`}>
          {!reported ? (
            <Text block>Session {session.sessionNumber}'s check-in has not opened yet.</Text>
          ) : reported.withheld ? (
            <Text block>
              {reported.responses} of {reported.members} checked in. With fewer than 5 answers the themes are withheld, so nobody's answer can be picked out.
            </Text>
          ) : (
            <>
              <Text block>
                {reported.responses} of {reported.members} checked in.
              </Text>
              {reported.summaryLine ? <Text block>{reported.summaryLine}</Text> : null}
              {reported.blockers.length ? (
                <ul aria-label="What got in the way" style={listStyle}>
                  {reported.blockers.map((b) => (
                    <li key={b.label}>
                      {b.label}: {b.count}
                    </li>
                  ))}
                </ul>
              ) : (
                <Text block>Nobody named a blocker.</Text>
              )}
            </>
          )}
        </Section>
      ) : null}

      <Section id="run-sheet-stuck" title="Stuck or asking for help">
        {stuck.length === 0 ? (
          <Text block>Nobody is stuck or waiting for help.</Text>
        ) : (
          <ul aria-label="Members stuck or asking for help" style={listStyle}>
            {stuck.map((s, i) => (
              <li key={`${s.userId}-${s.reason}-${i}`}>
                {s.displayName}{" "}
                <Badge appearance="tint" color={s.reason === "asked-for-help" ? "danger" : "warning"}>
                  {REASON_LABEL[s.reason]}
                </Badge>{" "}
                <Text size={200}>session {s.sessionNumber}</Text>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="run-sheet-questions" title="Open questions">
        {openQuestions.length === 0 ? (
          <Text block>No open questions.</Text>
        ) : (
          <ul aria-label="Open questions" style={listStyle}>
            {openQuestions.map((q) => (
              <li key={q.id}>
                <Text block>{q.text}</Text>
                <Text size={200}>
                  {q.askedBy ?? "Anonymous"} · {q.askedAt.slice(0, 10)}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="run-sheet-last" title="Last live session">
        {lastAttendance ? (
          <>
            <Text block>
              {lastAttendance.title}: {lastAttendance.attended} of {lastAttendance.invited} attended.
            </Text>
            {lastAttendance.missed.length ? (
              <>
                <Text block weight="semibold" style={{ marginTop: 8 }}>
                  Missed it
                </Text>
                <ul aria-label="Missed the last live session" style={listStyle}>
                  {lastAttendance.missed.map((m) => (
                    <li key={m.userId}>{m.displayName}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : previous ? (
          <Text block>
            {previous.title} ({longDate(previous.localDate)}): {attendanceText(previous.attendance)}
            {previous.attendance.state === "read" ? "." : ""}
          </Text>
        ) : (
          <Text block>This is the cohort's first live session.</Text>
        )}
      </Section>
    </section>
  );
}
