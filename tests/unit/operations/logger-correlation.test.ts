/**
 * The production logger (pino, JSON lines) adds the correlation id of whatever is being handled to
 * every line, across awaits, with nested scopes keeping their parent.
 */
import { PassThrough } from "node:stream";
import { createLogger, currentCorrelationId, withCorrelationId, withNewCorrelation } from "../../../bot/src/logger";

function jsonLogger() {
  const stream = new PassThrough();
  const lines: Array<Record<string, unknown>> = [];
  stream.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { logger: createLogger("debug", stream), lines };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("correlation in the JSON logs", () => {
  it("when work runs under an id, then every line it writes after awaits carries it, no line's fields leak into the next, and lines outside carry none", async () => {
    const { logger, lines } = jsonLogger();
    await withCorrelationId("req-1", async () => {
      logger.info({ onlyOnTheFirstLine: true }, "start");
      await tick();
      logger.child({ component: "store" }).warn({ step: 2 }, "deep down");
    });
    logger.info({}, "outside");
    await tick();
    expect(lines.map((l) => [l.msg, l.correlationId])).toEqual([
      ["start", "req-1"],
      ["deep down", "req-1"],
      ["outside", undefined],
    ]);
    // One line's fields stay on that line.
    expect(lines[1]).not.toHaveProperty("onlyOnTheFirstLine");
    expect(lines[1]).toMatchObject({ step: 2, component: "store" });
  });

  it("when a fresh scope opens inside another (a bot turn in its request, a tenant in its tick), then its lines carry a new id and the enclosing one as parent", async () => {
    const { logger, lines } = jsonLogger();
    let inner: string | undefined;
    await withCorrelationId("tick-1", () =>
      withNewCorrelation(async () => {
        inner = currentCorrelationId();
        await tick();
        logger.info({}, "tenant work");
      }),
    );
    await tick();
    expect(inner).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[0]).toMatchObject({ correlationId: inner, parentCorrelationId: "tick-1" });
  });

  it("when two scopes run at once, then neither's lines carry the other's id", async () => {
    const { logger, lines } = jsonLogger();
    await Promise.all(
      ["a", "b"].map((id) =>
        withCorrelationId(id, async () => {
          await tick();
          logger.info({ id }, "working");
        }),
      ),
    );
    await tick();
    expect(lines.map((l) => [l.id, l.correlationId])).toEqual([
      ["a", "a"],
      ["b", "b"],
    ]);
  });
});
