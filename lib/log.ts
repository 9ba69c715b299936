// Error logging without personal data (TRUST P4). Drizzle's query errors carry the SQL and
// every bound parameter (names, encrypted IDs, hashes) in their message; only the first line
// of the database's own error and its code are kept. Use `logError` instead of console.error
// for anything that may wrap a database error.
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return typeof err === 'string' ? err.slice(0, 200) : 'non-error thrown';
  const cause = err.cause instanceof Error ? err.cause : null;
  const code = (cause as { code?: unknown } | null)?.code ?? (err as { code?: unknown }).code;
  if (err.message.startsWith('Failed query')) {
    return `${err.name}: query failed${typeof code === 'string' ? ` (${code})` : ''}${cause ? `: ${firstLine(cause.message)}` : ''}`;
  }
  return `${err.name}: ${firstLine(err.message)}${typeof code === 'string' ? ` (${code})` : ''}`;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 300);
}

export function logError(context: string, err: unknown): void {
  console.error(`[${context}]`, describeError(err));
}
