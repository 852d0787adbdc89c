import "server-only";
import { db } from "../web-db";
import { databaseUrl } from "../../platform/env";
import { LiveHub } from "../../platform/live/hub";

const globalForHub = globalThis as unknown as { vigieHub?: LiveHub };

/** The web process's single LISTEN connection and fan-out, started on first use. */
export function webHub(): LiveHub {
  globalForHub.vigieHub ??= new LiveHub({ listenUrl: databaseUrl(), db });
  return globalForHub.vigieHub;
}
