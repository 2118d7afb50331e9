import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

/** A cohort without a channel posts no wins, leaders' experiments or answers: its staff are told, and how to fix it. */
export function NoChannelNotice({ isAdmin }: { isAdmin: boolean }) {
  return (
    <MessageBar intent="warning" aria-label="This cohort has no channel">
      <MessageBarBody>
        <MessageBarTitle>This cohort has no channel</MessageBarTitle>
        Wins, leaders' experiments and answers to the whole cohort are not posted anywhere yet.{" "}
        {isAdmin
          ? "To choose one, open the Cohorts tab, edit this cohort and pick its channel (the app must be installed in that team)."
          : "Ask an admin to choose one in the Cohorts tab (Edit cohort, then the channel)."}
      </MessageBarBody>
    </MessageBar>
  );
}
