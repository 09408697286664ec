import type { z } from 'zod';

/** Formats zod issues as `field.path: message; ...` so the user sees which field is wrong. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}
