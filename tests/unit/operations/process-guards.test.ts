/**
 * An unhandled rejection or an uncaught exception stops the process the way SIGTERM does (the
 * injected shutdown), then exits non-zero; what failed is logged without the rejected value itself.
 */
import { EventEmitter } from "node:events";
import { createMemoryLogger } from "../../../bot/src/logger";
import { installProcessGuards } from "../../../bot/src/process-guards";

function setUp(shutdown: (reason: string) => Promise<unknown> = async () => undefined) {
  const proc = new EventEmitter();
  const logger = createMemoryLogger();
  const calls: string[] = [];
  const exits: number[] = [];
  const deadlines: Array<{ expire: () => void; ms: number }> = [];
  installProcessGuards({
    process: proc,
    logger,
    shutdown: async (reason) => {
      calls.push(`shutdown:${reason}`);
      await shutdown(reason);
      calls.push("stopped");
    },
    exit: (code) => {
      calls.push(`exit:${code}`);
      exits.push(code);
    },
    startDeadline: (expire, ms) => deadlines.push({ expire, ms }),
  });
  return { proc, logger, calls, exits, deadlines };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("process guards", () => {
  it("when a promise rejects unhandled, then the error is logged, the service stops cleanly and the process exits non-zero", async () => {
    const { proc, logger, calls } = setUp();
    const err = new TypeError("Cannot read properties of undefined (reading 'id')");
    proc.emit("unhandledRejection", err, Promise.resolve());
    await settle();
    expect(calls).toEqual(["shutdown:unhandledRejection", "stopped", "exit:1"]);
    const line = logger.lines.find((l) => l.level === "error");
    expect(line?.message).toBe("unhandled promise rejection: stopping");
    expect(line?.fields.err).toMatchObject({ name: "TypeError", message: err.message, stack: expect.arrayContaining([expect.stringMatching(/^at /)]) });
  });

  it("when an exception escapes, then the exit waits for the stop to finish", async () => {
    let finishStop!: () => void;
    const { proc, calls } = setUp(() => new Promise<void>((resolve) => (finishStop = resolve)));
    proc.emit("uncaughtException", new Error("socket hang up"));
    await settle();
    expect(calls).toEqual(["shutdown:uncaughtException"]);
    finishStop();
    await settle();
    expect(calls).toEqual(["shutdown:uncaughtException", "stopped", "exit:1"]);
  });

  it("when the rejected value is not an Error, then only its kind is logged (it could be anything a member typed)", async () => {
    const { proc, logger } = setUp();
    proc.emit("unhandledRejection", "my manager said the numbers were wrong", Promise.resolve());
    await settle();
    expect(logger.lines[0]?.fields.err).toEqual({ kind: "string" });
    expect(JSON.stringify(logger.lines)).not.toContain("manager");
  });

  it("when the stop itself fails, then the process still exits non-zero and says so", async () => {
    const { proc, logger, exits } = setUp(async () => {
      throw new Error("could not close the store");
    });
    proc.emit("uncaughtException", new Error("boom"));
    await settle();
    expect(exits).toEqual([1]);
    expect(logger.lines.map((l) => l.message)).toContain("could not stop cleanly after a fatal error");
  });

  it("when a second failure arrives while stopping, then the process exits at once, and the stop is not started twice", async () => {
    const { proc, calls } = setUp(() => new Promise<void>(() => undefined));
    proc.emit("uncaughtException", new Error("first"));
    proc.emit("unhandledRejection", new Error("second"), Promise.resolve());
    await settle();
    expect(calls).toEqual(["shutdown:uncaughtException", "exit:1"]);
  });

  it("when the stop hangs past its deadline, then the process exits non-zero anyway", async () => {
    const { proc, exits, deadlines } = setUp(() => new Promise<void>(() => undefined));
    proc.emit("uncaughtException", new Error("stuck"));
    await settle();
    expect(exits).toEqual([]);
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]!.ms).toBe(10_000);
    deadlines[0]!.expire();
    expect(exits).toEqual([1]);
  });
});
