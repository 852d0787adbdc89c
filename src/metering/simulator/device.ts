import type { ByteLink } from "../links/byte-link";
import {
  cipherGeneralGlo,
  encodeCaptureObjectPush,
  encodeDataNotification,
  encodeDsmrTelegram,
  encodeIecDataBlock,
  generalBlockTransfer,
  hdlcFrame,
} from "./encoders";
import { LoadModel, type SimulatedState, type SimulatorOptions } from "./load-model";
import { encodeSmlFile } from "./sml-encoder";

export type SimulatedProtocol = "dsmr" | "iec62056-21" | "dlms" | "sml";
/** The E450's two push formats: OBIS/value/scaler-unit structures, or the CII push object list (no scaler). */
export type DlmsLayout = "obis-scaler" | "push-object-list";

export type DeviceOptions = SimulatorOptions & {
  protocol: SimulatedProtocol;
  meterId?: string;
  /** Push period of DSMR and DLMS (ms); DSMR 5 pushes every second. */
  intervalMs?: number;
  /** DLMS: encrypted (0x30) when given, in clear otherwise. */
  keys?: { key: Uint8Array; authKey: Uint8Array };
  dlmsLayout?: DlmsLayout;
  /** Time source, for tests and replays. */
  now?: () => Date;
};

/** The bytes of one DLMS push: the chosen layout, ciphered when the meter has keys, in HDLC frames. */
function dlmsPush(state: SimulatedState, t: Date, frameCounter: number, meterId: string, systemTitle: Buffer, options: DeviceOptions): Buffer {
  const apdu =
    options.dlmsLayout === "push-object-list"
      ? encodeCaptureObjectPush(state, t, frameCounter, `LGZ${meterId.replace(/\W/g, "").slice(-13)}`)
      : encodeDataNotification(state, t, frameCounter);
  const protectedApdu = options.keys ? cipherGeneralGlo(apdu, options.keys, systemTitle, frameCounter) : apdu;
  // Long pushes travel in general-block-transfer blocks, one HDLC frame each (LLC in the first).
  if (protectedApdu.length <= 200) return hdlcFrame(protectedApdu);
  return Buffer.concat(generalBlockTransfer(protectedApdu, 120).map((block, i) => hdlcFrame(block, i === 0)));
}

/** DIN 43863-5 server id of a simulated SML meter: electricity, FLAG "VGE", a serial from its id. */
function smlServerId(meterId: string): Buffer {
  let hash = 0;
  for (const c of meterId) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  const id = Buffer.from([0x0a, 0x01, 0x56, 0x47, 0x45, 0x00, 0, 0, 0, 0]);
  id.writeUInt32BE(hash % 100_000_000, 6);
  return id;
}

/**
 * The E450 simulator on the meter side of a link: answers IEC 62056-21 mode C readouts
 * (identification, ACK with rate, data block), or pushes DSMR 5 telegrams, DLMS notifications
 * (either layout, encrypted or not) or SML files on a period. Returns a stop function.
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
  const serverId = smlServerId(meterId);
  let frameCounter = Math.floor(now().getTime() / 1000) % 1_000_000_000;
  let lastSecond = -1;
  const push = () => {
    const t = now();
    // A late timer can fire twice within one second; a meter never stamps two pushes alike.
    const second = Math.floor(t.getTime() / 1000);
    if (second === lastSecond) return;
    lastSecond = second;
    const state = model.step(t);
    if (options.protocol === "dsmr") void link.write(encodeDsmrTelegram(state, t, meterId));
    else if (options.protocol === "sml") void link.write(encodeSmlFile(state, serverId, Math.floor(t.getTime() / 1000) % 2 ** 32, ++frameCounter));
    else void link.write(dlmsPush(state, t, ++frameCounter, meterId, systemTitle, options));
  };
  // Real meters are not synchronised: each seed pushes at its own phase within the period.
  const interval = options.intervalMs ?? 1_000;
  let timer: NodeJS.Timeout | null = null;
  const start = setTimeout(
    () => {
      push();
      timer = setInterval(push, interval);
    },
    ((options.seed ?? 1) * 7919) % interval,
  );
  return () => {
    clearTimeout(start);
    if (timer) clearInterval(timer);
  };
}
