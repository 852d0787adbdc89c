import { hostname } from "node:os";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { listSerialPorts } from "../../src/metering/links/serial-link";
import { publishReply } from "../../src/platform/live/replies";
import { workerContext } from "../context";

const payload = z.object({ requestId: z.string().uuid() });

/** The serial ports of this worker's machine, where meter links are opened, for the meter form. */
export const serial_ports_list: Task = async (raw) => {
  const { requestId } = payload.parse(raw);
  await publishReply(workerContext().db, requestId, { host: hostname(), ports: await listSerialPorts() });
};
