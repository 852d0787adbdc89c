import type { Db } from "../platform/db/client";
import type { Meter } from "../generated/prisma/client";
import { raiseAlert, type SourcedAlertInput } from "../platform/alerts/alerts";
import { publish } from "../platform/live/publish";
import { topics } from "../platform/live/topics";
import { getSetting } from "../platform/settings/settings";
import { detectReadingAnomalies, findingAlert, type Thresholds } from "./anomalies";
import type { MeterDecodeError } from "./errors";
import { netPowerW, type DecodedFrame } from "./reading";
import { energySettings } from "./settings";
import { storeReadings, type StoreOptions, type StoreOutcome } from "./storage/store-readings";
import { loadThresholds } from "./thresholds";
import { publishSeenFrame } from "./meters/frames";
import type { DecodeResult } from "./stream-decoder";

const CLOCK_SKEW_MS = 5 * 60_000;
const ERROR_WINDOW_MS = 5 * 60_000;
const SETTINGS_TTL_MS = 10_000;

type MeterRef = Pick<Meter, "id" | "name" | "segment" | "pollIntervalSeconds" | "thresholds" | "status">;

/**
 * The one path from decoded frames to stored readings, used by serial links, poll jobs, the
 * simulator and the ingestion API: store (with roll-ups), alert on anomalies, publish live.
 * Settings are re-read at most every 10 s, so a burst of readings costs no settings queries.
 */
export class MeterIngestor {
  private cache: { at: number; timezone: string; cooldownMinutes: number; thresholds: Thresholds } | null = null;
  private readonly checksumErrors = new Map<string, number[]>();

  constructor(private readonly db: Db) {}

  private async settings(meter: MeterRef) {
    if (!this.cache || Date.now() - this.cache.at > SETTINGS_TTL_MS) {
      const [timezone, cooldownMinutes, thresholds] = await Promise.all([
        getSetting(this.db, energySettings.timezone),
        getSetting(this.db, energySettings.alertCooldownMinutes),
        loadThresholds(this.db),
      ]);
      this.cache = { at: Date.now(), timezone, cooldownMinutes, thresholds };
    }
    const own =
      meter.thresholds && typeof meter.thresholds === "object" && Object.keys(meter.thresholds).length
        ? await loadThresholds(this.db, meter.thresholds)
        : this.cache.thresholds;
    return { ...this.cache, thresholds: own };
  }

  async ingest(meter: MeterRef, frames: DecodedFrame[], source: StoreOptions["source"], receivedAt = new Date()): Promise<StoreOutcome> {
    const settings = await this.settings(meter);
    // A reading without a clock, or with a clock far off, is stamped when it was received.
    const readings = frames.map((f) => {
      const received = f.receivedAt ?? receivedAt;
      return {
        at: f.timestamp && Math.abs(f.timestamp.getTime() - received.getTime()) < CLOCK_SKEW_MS ? f.timestamp : received,
        fields: f.fields,
        registers: f.registers,
        mbus: f.mbus,
      };
    });
    const outcome = await storeReadings(this.db, meter, readings, {
      source,
      timezone: settings.timezone,
      expectedIntervalSeconds: meter.pollIntervalSeconds,
      maxPowerW: settings.thresholds.maxPhysicalPowerW,
    });
    const counter = frames.reduce<number | null>(
      (max, f) => (f.frameCounter !== undefined && (max === null || f.frameCounter > max) ? f.frameCounter : max),
      null,
    );
    if (counter !== null) await this.db.meter.update({ where: { id: meter.id }, data: { lastFrameCounter: BigInt(counter) } });

    const alert = (input: SourcedAlertInput, rule: string) =>
      raiseAlert(this.db, {
        ...input,
        sourceKind: "METER",
        sourceId: meter.id,
        dedupKey: `meter:${meter.id}:${rule}`,
        cooldownSeconds: settings.cooldownMinutes * 60,
      });
    if (outcome.latest) {
      for (const finding of detectReadingAnomalies(outcome.latest.fields, settings.thresholds)) await alert(findingAlert(meter, finding), finding.rule);
      const fields = outcome.latest.fields;
      await publish(this.db, topics.energy, "reading", { meterId: meter.id, at: outcome.latest.at, powerW: netPowerW(fields) });
      if (meter.status === "OFFLINE") {
        await alert({ type: "meter_online", params: { meter: meter.name }, severity: "INFO", category: "meter" }, "online");
      }
    }
    if (outcome.registerWentBack) {
      const r = outcome.registerWentBack;
      await alert(
        {
          type: "register_backwards",
          severity: "ERROR",
          category: "meter",
          params: { meter: meter.name, fromKwh: r.from, toKwh: r.to },
          measuredValue: r.to,
          unit: "kWh",
          code: "1-0:1.8.0",
          threshold: r.from,
          occurredAt: r.at,
        },
        "register_backwards",
      );
    }
    for (const jump of outcome.registerJumps) {
      await alert(
        {
          type: "register_jump",
          severity: "ERROR",
          category: "meter",
          params: {
            meter: meter.name,
            register: jumpRegisters[jump.field],
            from: jump.from,
            to: jump.to,
            impliedW: jump.impliedW,
            maxW: settings.thresholds.maxPhysicalPowerW,
          },
          measuredValue: jump.impliedW,
          unit: "W",
          code: jumpCodes[jump.field],
          threshold: settings.thresholds.maxPhysicalPowerW,
          occurredAt: jump.at,
        },
        `register_jump:${jump.field}`,
      );
    }
    return outcome;
  }

  /** A frame as received, decoded or refused, announced for the meter page (best effort: a lost one is only a missing line there). */
  async seen(meterId: string, result: DecodeResult, receivedAt = new Date()): Promise<void> {
    await publishSeenFrame(this.db, meterId, result, receivedAt);
  }

  /** A frame the decoder refused: kept on the meter, and a burst of checksum errors is an event. */
  async refused(meter: MeterRef, error: MeterDecodeError, now = Date.now()): Promise<void> {
    await this.db.meter.update({ where: { id: meter.id }, data: { lastError: `${error.code}: ${error.message}` } });
    if (error.code !== "CHECKSUM") return;
    const recent = (this.checksumErrors.get(meter.id) ?? []).filter((t) => now - t < ERROR_WINDOW_MS);
    recent.push(now);
    this.checksumErrors.set(meter.id, recent);
    const settings = await this.settings(meter);
    if (recent.length >= settings.thresholds.checksumErrorBurst) {
      await raiseAlert(this.db, {
        sourceKind: "METER",
        sourceId: meter.id,
        type: "checksum_errors",
        severity: "WARNING",
        category: "meter",
        params: { meter: meter.name, count: recent.length, last: error.message },
        measuredValue: recent.length,
        unit: "",
        threshold: settings.thresholds.checksumErrorBurst,
        dedupKey: `meter:${meter.id}:checksum_errors`,
        cooldownSeconds: settings.cooldownMinutes * 60,
      });
      this.checksumErrors.set(meter.id, []);
    }
  }
}

const jumpRegisters = {
  energyImportKwh: "import",
  energyExportKwh: "export",
  reactiveImportKvarh: "reactiveImport",
  reactiveExportKvarh: "reactiveExport",
} as const;
const jumpCodes = { energyImportKwh: "1-0:1.8.0", energyExportKwh: "1-0:2.8.0", reactiveImportKvarh: "1-0:3.8.0", reactiveExportKvarh: "1-0:4.8.0" } as const;
