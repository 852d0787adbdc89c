import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedRequest = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };

/** A local HTTP endpoint that records requests; `failNext` makes the next answers 500s, `holdNext` delays the next one. */
export async function startHttpReceiver() {
  const received: ReceivedRequest[] = [];
  let failures = 0;
  let holdMs = 0;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const reply = () => {
        if (failures > 0) {
          failures--;
          res.writeHead(500).end("receiver down");
        } else res.writeHead(200).end("ok");
      };
      const hold = holdMs;
      holdMs = 0;
      if (hold) setTimeout(reply, hold);
      else reply();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext(n: number) {
      failures = n;
    },
    holdNext(ms: number) {
      holdMs = ms;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type ReceivedMail = { from: string; to: string[]; raw: string };

/** A local SMTP server that accepts and keeps every message. */
export async function startSmtpSink() {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}
