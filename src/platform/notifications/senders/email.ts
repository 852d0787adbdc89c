import nodemailer from "nodemailer";
import type { z } from "zod";
import type { emailConfigSchema } from "../channel-config";
import type { NotificationMessage } from "../message";

export async function sendEmail(config: z.infer<typeof emailConfigSchema>, message: NotificationMessage) {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({ from: config.from, to: config.to, subject: message.title, text: message.body });
  } finally {
    transport.close();
  }
}
