import { z } from "zod";
import { defineAction } from "./types";

/** Waits, e.g. for an asynchronous job of the system under test. Cancelling interrupts it. */
export const delayAction = defineAction({
  type: "delay",
  description: "Waits `ms` milliseconds (at most 10 minutes).",
  params: z.object({ ms: z.coerce.number().int().min(0).max(600_000) }),
  async run({ ms }, { signal, log }) {
    await log("info", { code: "wait", params: { ms } });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
    return { ok: true, assertions: [] };
  },
});
