import type { ByteLink } from "../links/byte-link";
import { cipherGeneralGlo, encodeDataNotification, encodeDsmrTelegram, encodeIecDataBlock, hdlcFrame } from "./encoders";
import { LoadModel, type SimulatorOptions } from "./load-model";

export type SimulatedProtocol = "dsmr" | "iec62056-21" | "dlms";

export type DeviceOptions = SimulatorOptions & {
  protocol: SimulatedProtocol;
  meterId?: string;
  /** Push period of DSMR and DLMS (ms); DSMR 5 pushes every second. */
  intervalMs?: number;
  keys?: { key: Uint8Array; authKey: Uint8Array };
  /** Time source, for tests and replays. */
  now?: () => Date;
};

/**
 * The E450 simulator on the meter side of a link: answers IEC 62056-21 mode C readouts
 * (identification, ACK with rate, data block), or pushes DSMR 5 telegrams or encrypted DLMS
 * notifications on a period. Returns a stop function.
 */
export function runSimulatedMeter(link: ByteLink, options: DeviceOptions): () => void {
  const model = new LoadModel(options);
  const now = options.now ?? (() => new Date());
  const meterId = options.meterId ?? "E450SIM0001";
  if (options.protocol === "iec62056-21") {
    let received = Buffer.alloc(0);
    let state: "idle" | "identified" = "idle";
    const off = link.onData((chunk) => {
      received = Buffer.concat([received, chunk]);
      for (;;) {
        const end = received.indexOf(0x0a);
        if (end < 0) break;
        const line = received.subarray(0, end + 1).toString("latin1");
        received = received.subarray(end + 1);
        if (/^\/\?[^!]*!\r\n$/.test(line)) {
          state = "identified";
          // "LGZ5": Landis+Gyr, mode C up to 9600 baud, 200 ms reaction time.
          void link.write(Buffer.from("/LGZ5E450-SIM\r\n", "latin1"));
        } else if (state === "identified" && /^\x06[0-9][0-6][0-9]\r\n$/.test(line)) {
          state = "idle";
          const t = now();
          setTimeout(() => void link.write(encodeIecDataBlock(model.step(t), meterId)), 20);
        }
      }
    });
    return off;
  }
  const systemTitle = Buffer.from(`LGZ${meterId.slice(-5).padStart(5, "0")}`, "latin1");
  let frameCounter = Math.floor(now().getTime() / 1000) % 1_000_000_000;
  const push = () => {
    const t = now();
    const state = model.step(t);
    if (options.protocol === "dsmr") void link.write(encodeDsmrTelegram(state, t, meterId));
    else {
      if (!options.keys) throw new Error("a DLMS simulator needs its keys");
      void link.write(hdlcFrame(cipherGeneralGlo(encodeDataNotification(state, t, ++frameCounter), options.keys, systemTitle, frameCounter)));
    }
  };
  // Real meters are not synchronised: each seed pushes at its own phase within the period.
  const interval = options.intervalMs ?? 1_000;
  let timer: NodeJS.Timeout | null = null;
  const start = setTimeout(() => {
    push();
    timer = setInterval(push, interval);
  }, ((options.seed ?? 1) * 7919) % interval);
  return () => {
    clearTimeout(start);
    if (timer) clearInterval(timer);
  };
}
