/**
 * The tab's API client. Every call carries the caller's token (Teams SSO, or the local sign-in's);
 * errors carry the server's message so views can show it as it is.
 */
import type { ApiErrorBody, ErrorCode } from "../../bot/src/contract/api-contract";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: Array<{ field: string; message: string }> = [],
    /** The server's stable error code, where one 409 (say) can mean different things. */
    readonly code?: ErrorCode,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type TokenSource = () => Promise<string>;

let tokenSource: TokenSource | undefined;

export function setTokenSource(source: TokenSource | undefined): void {
  tokenSource = source;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = tokenSource ? await tokenSource() : undefined;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "Cohort Coach cannot be reached. Check your connection and try again.");
  }
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const error = (data as ApiErrorBody | undefined)?.error;
    throw new ApiError(res.status, error?.message ?? `Request failed (${res.status}).`, error?.issues ?? [], error?.code);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body: unknown) => request<T>("POST", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  /**
   * A DELETE carries an empty JSON object: the server's body parser refuses a request without a
   * content type (415), and a bodiless DELETE from a browser has none.
   */
  del: <T>(path: string) => request<T>("DELETE", path, {}),
};

/**
 * The server's messages for one form field: issues whose field is `field` or lies under it
 * (`members` gathers `members.1.userId`), joined into one line to show under that control.
 */
export function issuesFor(error: ApiError | undefined, ...fields: string[]): string | undefined {
  if (!error) return undefined;
  const messages = error.issues.filter((i) => fields.some((f) => i.field === f || i.field.startsWith(`${f}.`))).map((i) => i.message);
  return messages.length ? messages.join(" ") : undefined;
}

/** Fields a form shows issues on; what is left goes in its banner. */
export function otherIssues(error: ApiError | undefined, shownOn: string[]): string[] {
  if (!error) return [];
  return error.issues.filter((i) => !shownOn.some((f) => i.field === f || i.field.startsWith(`${f}.`))).map((i) => i.message);
}
