/**
 * Rows of an editable list carry a key of their own while edited (React's `key`): removing or
 * moving one keeps the other rows' inputs, focus and cursor where they are, which an index does not.
 */
export type WithRowKey<T> = T & { rowKey: string };

export const withRowKey = <T extends object>(row: T): WithRowKey<T> => ({ ...row, rowKey: crypto.randomUUID() });
