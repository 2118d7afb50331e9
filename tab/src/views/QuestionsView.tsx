/** The facilitators' inbox: questions from the cohort (anonymous ones stay anonymous) and answers sent back through the bot. */
import { Badge, Button, Card, Field, MessageBar, MessageBarBody, Text, Textarea, Title3 } from "@fluentui/react-components";
import { useState } from "react";
import type { QuestionDto } from "../../../bot/src/contract/api-contract";
import { api, ApiError, issuesFor, otherIssues } from "../api";
import { CohortPicker } from "../components/CohortPicker";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";
import { useStaffCohorts } from "../useStaffCohorts";
import { apiRoutes } from "../../../bot/src/contract/api-routes";

export default function QuestionsView() {
  const { cohorts, reload: reloadCohorts, staffCohorts, cohortId, setCohortId } = useStaffCohorts();
  if (cohorts.state === "loading") return <Loading label="Loading cohorts" />;
  if (cohorts.state === "error") return <Failure error={cohorts.error} onRetry={reloadCohorts} />;
  return (
    <section aria-labelledby="questions-heading">
      <Title3 as="h2" id="questions-heading">
        Questions
      </Title3>
      {staffCohorts.length === 0 ? <Empty title="No cohorts to answer for">You see questions for the cohorts you facilitate.</Empty> : <CohortPicker cohorts={staffCohorts} value={cohortId} onChange={setCohortId} />}
      {cohortId ? <Inbox key={cohortId} cohortId={cohortId} /> : null}
    </section>
  );
}

function Inbox({ cohortId }: { cohortId: string }) {
  const [questions, reload] = useApi<QuestionDto[]>(apiRoutes.questions.url({ cohortId }));
  if (questions.state === "loading") return <Loading label="Loading questions" />;
  if (questions.state === "error") return <Failure error={questions.error} onRetry={reload} />;
  if (questions.data.length === 0) return <Empty title="No questions yet">When members ask, their questions appear here. Anonymous ones carry no name.</Empty>;
  return (
    <ul style={{ listStyle: "none", padding: 0, display: "grid", gap: 12 }}>
      {questions.data.map((q) => (
        <li key={q.id}>
          <QuestionCard cohortId={cohortId} question={q} onAnswered={reload} />
        </li>
      ))}
    </ul>
  );
}

/** The longest answer the server takes (LIMITS.answerText). */
export const ANSWER_MAX = 1000;

function QuestionCard({ cohortId, question, onAnswered }: { cohortId: string; question: QuestionDto; onAnswered: () => void }) {
  const [answer, setAnswer] = useState("");
  const [error, setError] = useState<ApiError>();
  const [sending, setSending] = useState(false);
  const tooLong = answer.length > ANSWER_MAX;
  const answerIssue = issuesFor(error, "answer");
  const send = async () => {
    setSending(true);
    setError(undefined);
    try {
      await api.post(apiRoutes.answerQuestion.url({ cohortId, questionId: question.id }), { answer, etag: question.etag });
      onAnswered();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "Could not send the answer."));
    } finally {
      setSending(false);
    }
  };
  return (
    <Card>
      <Text size={200}>
        {question.anonymous ? "Anonymous" : question.askedByName} · {question.askedOn}{" "}
        <Badge color={question.status === "answered" ? "success" : "warning"}>{question.status === "answered" ? "Answered" : "Open"}</Badge>
      </Text>
      <Text block weight="semibold">
        {question.text}
      </Text>
      {question.status === "answered" ? (
        <Text block>{question.answer}</Text>
      ) : (
        <>
          <Field
            label="Your answer"
            hint={`${question.anonymous ? "Shared with the whole cohort, since nobody knows who asked." : "Sent to the person who asked."} ${answer.length} of ${ANSWER_MAX} characters.`}
            validationMessage={tooLong ? `Your answer is ${answer.length - ANSWER_MAX} characters too long: keep it to ${ANSWER_MAX} characters or fewer.` : answerIssue}
            validationState={tooLong || answerIssue ? "error" : "none"}
          >
            <Textarea value={answer} onChange={(_e, d) => setAnswer(d.value)} />
          </Field>
          {error && (!answerIssue || otherIssues(error, ["answer"]).length) ? (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{answerIssue ? otherIssues(error, ["answer"]).join(" ") : error.message}</MessageBarBody>
            </MessageBar>
          ) : null}
          <Button appearance="primary" disabled={!answer.trim() || tooLong || sending} onClick={() => void send()}>
            {sending ? "Sending…" : "Send answer"}
          </Button>
        </>
      )}
    </Card>
  );
}
