// Runs before server-action requests only (see `config`), and refuses the kinds that Next
// would answer with a bare 500 (TRUST A2, V1) before any action runs:
// - a POST from another origin (Next compares Origin with the host itself, but fails with 500):
//   403;
// - a body that is not a call the portal's pages send. Their browser sends React's reply
//   encoding (the client's encodeReply): a JSON text (text/plain) or multipart form data whose
//   field "0" holds the arguments. Next hands any other body to React's decoder, and a throw
//   there ("Unexpected end of JSON input", "Multipart: Boundary not found", "Connection
//   closed.", a reference to a part that is not there, a bigint that is not a number, too many
//   arguments or too deep a nesting) becomes a 500: 415 for another content type, 413 for a body
//   over Next's limit for actions, 400 for an empty or unreadable body or arguments the pages
//   never send (lib/action-reply.ts says which). Next has already buffered the body for this
//   function (its copy is what is read here), so reading it costs one more parse of a small body.
// This is not the authorization boundary: every action still checks session, role, input and
// ownership itself (lib/actions.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { replyArgumentsProblem } from '@/lib/action-reply';

/** Next's own limit on a server action's body (`serverActions.bodySizeLimit`, 1 MB unless set). */
const ACTION_BODY_LIMIT = 1024 * 1024;

function sameOrigin(origin: string, host: string | null): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (sandboxed frames, file://) and anything unparsable
  }
}

function refuse(status: 400 | 403 | 413 | 415, sentence: string): NextResponse {
  return new NextResponse(sentence, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

const UNREADABLE = 'Bad request: the body of this server-action request is empty or not readable.';

/** Why a server-action body is not one the pages send (its status and sentence), or null when it may be. */
async function bodyProblem(request: NextRequest): Promise<NextResponse | null> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'text/plain' && type !== 'multipart/form-data') {
    return refuse(415, 'Unsupported media type: a server-action request is sent as text/plain or multipart/form-data.');
  }
  let body: ArrayBuffer;
  try {
    body = await request.arrayBuffer();
  } catch {
    return refuse(400, UNREADABLE);
  }
  if (body.byteLength > ACTION_BODY_LIMIT) return refuse(413, 'Content too large: the body of a server-action request is at most 1 MB.');
  let args: string;
  if (type === 'text/plain') {
    args = new TextDecoder().decode(body);
  } else {
    let parts: FormData;
    try {
      parts = await new Response(body, { headers: { 'Content-Type': request.headers.get('content-type')! } }).formData();
    } catch {
      return refuse(400, UNREADABLE); // no boundary, an empty body, or parts cut short
    }
    // Exactly one arguments part: with two, React's decoder would take the last.
    const roots = parts.getAll('0');
    if (roots.length !== 1 || typeof roots[0] !== 'string') return refuse(400, UNREADABLE);
    args = roots[0];
  }
  const problem = replyArgumentsProblem(args);
  if (problem === 'unreadable') return refuse(400, UNREADABLE);
  if (problem) return refuse(400, 'Bad request: these are not arguments the portal\'s pages send to this action.');
  return null;
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
