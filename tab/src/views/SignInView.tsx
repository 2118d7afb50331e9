/** Local mode only: choose a demo person. Never shown inside Teams, and the server offers it only locally. */
import { Button, Card, CardHeader, Text, Title2 } from "@fluentui/react-components";
import { useState } from "react";
import type { LocalPersona, LocalSignInResponse } from "../../../bot/src/contract/api-contract";
import { api, ApiError } from "../api";
import { Failure, Loading } from "../components/States";
import { useApi } from "../useApi";
import { apiRoutes } from "../../../bot/src/contract/api-routes";

export function SignInView({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const [personas, reload] = useApi<LocalPersona[]>(apiRoutes.localPersonas.url());
  const [error, setError] = useState<ApiError | undefined>();
  const signIn = async (personaId: string) => {
    try {
      const { token } = await api.post<LocalSignInResponse>(apiRoutes.localSignIn.url(), { personaId });
      onSignedIn(token);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "Sign-in failed."));
    }
  };
  return (
    <main style={{ maxWidth: 640, margin: "0 auto", padding: 24 }}>
      <Title2 as="h1">Sign in to Cohort Coach (local demo)</Title2>
      <Text block>Outside Teams, pick a demo person to see the tab as they would. In Teams you are signed in automatically.</Text>
      {error ? <Failure error={error} /> : null}
      {personas.state === "loading" ? <Loading label="Loading demo people" /> : null}
      {personas.state === "error" ? <Failure error={personas.error} onRetry={reload} /> : null}
      {personas.state === "ready" ? (
        <ul style={{ listStyle: "none", padding: 0, display: "grid", gap: 12 }}>
          {personas.data.map((p) => (
            <li key={p.id}>
              <Card>
                <CardHeader header={<Text weight="semibold">{p.displayName}</Text>} description={<Text size={200}>{p.description}</Text>} action={<Button appearance="primary" onClick={() => void signIn(p.id)}>Sign in as {p.displayName.split(" ")[0]}</Button>} />
              </Card>
            </li>
          ))}
        </ul>
      ) : null}
    </main>
  );
}
