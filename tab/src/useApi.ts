import { useCallback, useEffect, useState } from "react";
import { api, ApiError } from "./api";

export type Loadable<T> = { state: "loading" } | { state: "error"; error: ApiError } | { state: "ready"; data: T };

/** Loads `path` (or nothing when it is undefined) and offers a reload. */
export function useApi<T>(path: string | undefined): [Loadable<T>, () => void] {
  const [value, setValue] = useState<Loadable<T>>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setValue({ state: "loading" });
    api.get<T>(path).then(
      (data) => live && setValue({ state: "ready", data }),
      (error: unknown) => live && setValue({ state: "error", error: error instanceof ApiError ? error : new ApiError(0, "Something went wrong.") }),
    );
    return () => {
      live = false;
    };
  }, [path, attempt]);
  return [value, useCallback(() => setAttempt((n) => n + 1), [])];
}
