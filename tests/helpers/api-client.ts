/** Calls the tab's API over real HTTP as a given person. */
import type { TestServer } from "./test-server";

export interface ApiCaller {
  get(path: string): Promise<{ status: number; body: any }>;
  send(method: "POST" | "PUT" | "DELETE", path: string, body?: unknown, raw?: string, contentType?: string): Promise<{ status: number; body: any }>;
}

export async function apiAs(server: TestServer, who: { tenantId: string; userId: string; displayName: string; isAdmin?: boolean } | null): Promise<ApiCaller> {
  const token = who ? await server.tokenFor(who) : undefined;
  const headers = (contentType = "application/json"): Record<string, string> => ({ ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": contentType });
  const parse = async (res: Response) => {
    const text = await res.text();
    try {
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    } catch {
      return { status: res.status, body: text };
    }
  };
  return {
    get: async (path) => parse(await fetch(`${server.baseUrl}${path}`, { headers: headers() })),
    send: async (method, path, body, raw, contentType) => parse(await fetch(`${server.baseUrl}${path}`, { method, headers: headers(contentType), body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) })),
  };
}
