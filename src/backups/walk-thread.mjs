// The walk thread's entry point. A thread starts without the process's TypeScript loader
// (`node --import tsx` applies to the main thread only), so it registers one before loading.
import { register } from "tsx/esm/api";

register();
await import("./walk-thread.ts");
