// A request line the app cannot read (TRUST V1). Next's router decodes every path segment to
// match dynamic routes and answers a malformed escape ("%", "%E0%A4%A", "%FF", "%u0041", an
// encoded lone surrogate) with a bare 500. The production server (scripts/serve.ts) asks this
// first and answers 400 with a plain sentence instead.

/** True when the path of a request target does not percent-decode to valid UTF-8. */
export function malformedPath(target: string | undefined): boolean {
  if (!target) return false;
  const q = target.indexOf('?');
  const h = target.indexOf('#');
  const end = Math.min(q === -1 ? target.length : q, h === -1 ? target.length : h);
  const pathPart = target.slice(0, end);
  if (!pathPart.includes('%')) return false;
  try {
    decodeURIComponent(pathPart);
    return false;
  } catch {
    return true;
  }
}

export const MALFORMED_PATH_MESSAGE = '400 Bad Request: this address is not valid. / 网址格式不正确。';
