/**
 * The API as the tab's component tests see it: a scripted `fetch`. The real API is tested over
 * HTTP elsewhere; here the network is the edge of the component under test.
 */
export type Route = (init: RequestInit | undefined) => { status: number; body: unknown } | Promise<{ status: number; body: unknown }>;

export function installFakeFetch(routes: Record<string, Route>): jest.Mock {
  const mock = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const key = `${init?.method ?? "GET"} ${String(input)}`;
    const route = routes[key];
    if (!route) return reply(404, { error: { code: "RESOURCE.NOT_FOUND", message: `no route ${key}` } });
    const { status, body } = await route(init);
    return reply(status, body);
  });
  (globalThis as { fetch: unknown }).fetch = mock;
  return mock;
}

/** A response that never comes, to see loading states. */
export const pending: Route = () => new Promise(() => undefined);

/** jsdom has no fetch Response; the tab's client only reads these. */
function reply(status: number, body: unknown) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return { ok: status >= 200 && status < 300, status, text: async () => text };
}
