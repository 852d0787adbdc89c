type PostmanVariable = { key: string; value?: unknown; type?: string; enabled?: boolean; disabled?: boolean };

/** A Postman environment or globals file: `values` of `{ key, value, type, enabled }`, or (older globals exports) the list alone. */
export type PostmanVariables = { values?: PostmanVariable[] } | PostmanVariable[] | undefined;

export const variablesOf = (file: PostmanVariables): PostmanVariable[] => (Array.isArray(file) ? file : Array.isArray(file?.values) ? file.values : []);
