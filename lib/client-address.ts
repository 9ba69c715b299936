// The address of the client of this request (TRUST S6). Rate limits and audit rows key on it.
export function clientIp(headers: Record<string, string | string[] | undefined> | Headers | undefined): string | null {
  if (!headers) return null;
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers[name] as string | undefined)) ?? null;
  const fwd = get('x-forwarded-for');
  return (fwd ? fwd.split(',')[0]!.trim() : get('x-real-ip')) ?? null;
}
