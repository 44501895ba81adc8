/** A comma-separated setting as a list (the identity triggers read their settings without the rest of shared/config.ts). */
export const list = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
