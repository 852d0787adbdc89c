import { hostname } from "node:os";
import { listSerialPorts } from "../../src/metering/links/serial-link";
import { publishReply } from "../../src/platform/live/replies";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/** The serial ports of this worker's machine, where meter links are opened, for the meter form. */
export const serial_ports_list = defineTask("serial_ports_list", async ({ requestId }) => {
  await publishReply(workerContext().db, requestId, { host: hostname(), ports: await listSerialPorts() });
});
