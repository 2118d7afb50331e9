/** Loading, empty and error states, the same everywhere. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Text } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { ApiError } from "../api";

export function Loading({ label }: { label: string }) {
  return <Spinner label={label} labelPosition="below" style={{ padding: 32 }} />;
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div role="status" style={{ padding: 24 }}>
      <Text as="h3" weight="semibold" size={400} block>
        {title}
      </Text>
      {children ? <Text block>{children}</Text> : null}
    </div>
  );
}

export function Failure({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{error.status === 404 ? "Not found" : error.status === 403 ? "Not allowed" : "Something went wrong"}</MessageBarTitle>
        {error.message}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>Retry</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
