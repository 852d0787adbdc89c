/** Roles in increasing order of power; a role can do everything the ones before it can. */
export const roles = ["VIEWER", "OPERATOR", "ADMIN"] as const;
export type Role = (typeof roles)[number];

export function hasRole(actual: Role | null | undefined, required: Role): boolean {
  if (!actual) return false;
  return roles.indexOf(actual) >= roles.indexOf(required);
}
