import { z } from "zod";
import { roles } from "../../lib/roles";
import { passwordPolicy } from "./password";

export const emailSchema = z.string().trim().toLowerCase().email().max(200);
export const passwordSchema = z.string().min(passwordPolicy.minLength).max(passwordPolicy.maxLength);
export const roleSchema = z.enum(roles);

export const createUserInput = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
  password: passwordSchema,
});
export type CreateUserInput = z.infer<typeof createUserInput>;
