/** Starts Vigie for the e2e run from an empty data folder, exactly as `npm start` does. */
import { rm } from "node:fs/promises";

await rm(process.env.VIGIE_DATA_DIR!, { recursive: true, force: true });
await import("../../scripts/start");
