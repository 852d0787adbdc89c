import { z } from "zod";
import { createTRPCRouter, adminProcedure, viewerProcedure } from "../trpc";
import { passwordPolicy } from "../../../platform/users/password";
import { createUserInput, passwordSchema, roleSchema } from "../../../platform/users/schemas";
import { changeOwnPassword, changeRole, createUser, listUsers, resetPassword, setDisabled } from "../../../platform/users/users";

const userId = z.object({ id: z.string().min(1).max(50) });

export const usersRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  create: adminProcedure.input(createUserInput).mutation(({ ctx, input }) => createUser(ctx.db, input)),
  changeRole: adminProcedure.input(userId.extend({ role: roleSchema })).mutation(({ ctx, input }) => changeRole(ctx.db, input.id, input.role)),
  setDisabled: adminProcedure.input(userId.extend({ disabled: z.boolean() })).mutation(({ ctx, input }) => setDisabled(ctx.db, input.id, input.disabled)),
  /** Without a password, one is generated and returned once for the admin to hand over. */
  resetPassword: adminProcedure
    .input(userId.extend({ password: passwordSchema.optional() }))
    .mutation(({ ctx, input }) => resetPassword(ctx.db, input.id, input.password)),
  /** Any signed-in user, for their own account only. */
  changeOwnPassword: viewerProcedure
    .input(z.object({ currentPassword: z.string().min(1).max(passwordPolicy.maxLength), newPassword: passwordSchema }))
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.db, ctx.user.id, input.currentPassword, input.newPassword)),
});
