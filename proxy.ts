// Runs before server-action requests only (see `config`), and refuses two kinds that Next
// would answer with a bare 500 (TRUST A2, V1) before any action runs:
// - a POST from another origin (Next compares Origin with the host itself, but fails with 500):
//   403;
// - a body that is not a call the portal's pages send. Their browser sends React's reply
//   encoding (the client's encodeReply): a JSON text (text/plain) or multipart form data whose
//   field "0" holds the arguments. Next hands any other body to React's decoder, which throws
//   ("Unexpected end of JSON input", "Multipart: Boundary not found", "Connection closed."),
//   and the throw becomes a 500: 415 for another content type, 400 for an empty or unreadable
//   body. Next has already buffered the body for this function (its copy is what is read here),
//   so reading it costs one more parse of a small body.
// What still reaches the decoder is well-formed JSON or multipart whose rows refer to parts
// that are not there (`"$@1"`): only React's decoder knows its protocol, so that hand-made
// request still gets Next's 500; no page can send it.
// This is not the authorization boundary: every action still checks session, role, input and
// ownership itself (lib/actions.ts).
import { NextResponse, type NextRequest } from 'next/server';

function sameOrigin(origin: string, host: string | null): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (sandboxed frames, file://) and anything unparsable
  }
}

function refuse(status: 400 | 403 | 415, sentence: string): NextResponse {
  return new NextResponse(sentence, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** Why a server-action body is not one the pages send (its status and sentence), or null when it may be. */
async function bodyProblem(request: NextRequest): Promise<NextResponse | null> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'text/plain') {
    try {
      JSON.parse(await request.text());
      return null;
    } catch {
      return refuse(400, 'Bad request: the body of this server-action request is empty or not readable.');
    }
  }
  if (type === 'multipart/form-data') {
    try {
      if ((await request.formData()).has('0')) return null;
    } catch {
      // no boundary, an empty body, or parts cut short
    }
    return refuse(400, 'Bad request: the body of this server-action request is empty or not readable.');
  }
  return refuse(415, 'Unsupported media type: a server-action request is sent as text/plain or multipart/form-data.');
}

export async function proxy(request: NextRequest) {
  if (request.method !== 'POST') return NextResponse.next();
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  // Browsers always send Origin on a cross-site POST; a missing one is a same-site request or not a browser.
  if (origin !== null && !sameOrigin(origin, host)) return refuse(403, 'Forbidden: this request did not come from this site.');
  return (await bodyProblem(request)) ?? NextResponse.next();
}

export const config = {
  matcher: [{ source: '/:path*', has: [{ type: 'header', key: 'next-action' }] }],
};
