// Prints, per route, how many bytes of translated messages a page ships to the browser: the
// `messages` objects handed to client-side translation providers, read from the page's own
// RSC payload (the self.__next_f chunks in the HTML). Run it against a running portal in demo
// mode: `npx tsx scripts/message-bytes.ts http://localhost:3000 [zh-CN|en]`.
// Edit the route list when a page is added; detail pages are found through their list page.
// A page's figure depends on which client forms the data lets it show (the anonymous notice
// board has no objection form; a grievance without a next step has no form), so compare runs
// on the same kind of data.

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
const locale = process.argv[3] ?? 'zh-CN';
const PASSWORD = 'demo1234';

type Who = 'anonymous' | 'resident' | 'cadre' | 'official';
const PHONES: Record<Exclude<Who, 'anonymous'>, string> = { resident: '13800000001', cadre: '13800000002', official: '13800000003' };

/** Routes by audience; `from` finds a detail page's address on a list page. */
const ROUTES: { who: Who; path?: string; from?: string; link?: RegExp }[] = [
  { who: 'anonymous', path: '/' },
  { who: 'anonymous', path: '/sign-in' },
  { who: 'anonymous', path: '/register' },
  { who: 'anonymous', path: '/notice' },
  { who: 'resident', path: '/resident' },
  { who: 'resident', path: '/resident/household' },
  { who: 'resident', path: '/resident/household/damage' },
  { who: 'resident', path: '/resident/benefits' },
  { who: 'resident', from: '/resident/benefits', link: /\/resident\/apply\/[a-z_]+/ },
  { who: 'resident', path: '/resident/applications' },
  { who: 'resident', from: '/resident/applications', link: /\/resident\/applications\/[0-9a-f-]{36}/ },
  { who: 'resident', path: '/resident/grievances' },
  { who: 'resident', path: '/resident/grievances/new' },
  { who: 'resident', from: '/resident/grievances', link: /\/resident\/grievances\/[0-9a-f-]{36}/ },
  { who: 'resident', path: '/resident/notifications' },
  { who: 'cadre', path: '/cadre' },
  { who: 'cadre', from: '/cadre', link: /\/cadre\/cases\/[0-9a-f-]{36}/ },
  { who: 'cadre', path: '/cadre/grievances' },
  { who: 'cadre', from: '/cadre/grievances', link: /\/cadre\/grievances\/[0-9a-f-]{36}/ },
  { who: 'official', path: '/county' },
  { who: 'official', path: '/county/decisions' },
  { who: 'official', from: '/county/decisions', link: /\/county\/cases\/[0-9a-f-]{36}/ },
];

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

async function signIn(phone: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const body = new URLSearchParams({ csrfToken, phone, password: PASSWORD, json: 'true' });
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body,
    redirect: 'manual',
  });
  const session = cookiesOf(res).find((c) => c.includes('session-token='));
  if (!session) throw new Error(`sign-in failed for ${phone} (${res.status})`);
  return [...jar, session].join('; ');
}

/** The RSC payload the page carries: the strings pushed by self.__next_f.push([1, "…"]). */
function flightText(html: string): string {
  let out = '';
  for (const m of html.matchAll(/self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g)) out += JSON.parse(m[1]!) as string;
  return out;
}

/** The JSON text of every `"messages":{…}` object in the payload (strings respected). */
function messageObjects(flight: string): string[] {
  const found: string[] = [];
  const marker = '"messages":{';
  let from = 0;
  for (;;) {
    const at = flight.indexOf(marker, from);
    if (at < 0) return found;
    const start = at + marker.length - 1;
    let depth = 0;
    let inString = false;
    let i = start;
    for (; i < flight.length; i++) {
      const c = flight[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    found.push(flight.slice(start, i + 1));
    from = i + 1;
  }
}

async function main() {
  const jars: Partial<Record<Who, string>> = { anonymous: '' };
  const rows: { route: string; html: number; providers: number; bytes: number; namespaces: string }[] = [];
  for (const r of ROUTES) {
    jars[r.who] ??= await signIn(PHONES[r.who as Exclude<Who, 'anonymous'>]);
    const cookie = [jars[r.who], `locale=${locale}`].filter(Boolean).join('; ');
    let path = r.path;
    if (!path) {
      const list = await (await fetch(`${base}${r.from}`, { headers: { cookie } })).text();
      path = list.match(r.link!)?.[0];
      if (!path) {
        rows.push({ route: `${r.from}/… (none in the data)`, html: 0, providers: 0, bytes: 0, namespaces: '' });
        continue;
      }
    }
    const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
    const html = await res.text();
    const objects = messageObjects(flightText(html));
    const namespaces = new Set<string>();
    for (const o of objects) {
      try {
        for (const k of Object.keys(JSON.parse(o) as object)) namespaces.add(k);
      } catch {
        namespaces.add('?');
      }
    }
    rows.push({
      route: `${path.replace(/[0-9a-f-]{36}/, '[id]')}${res.status === 200 ? '' : ` (${res.status})`}`,
      html: Buffer.byteLength(html),
      providers: objects.length,
      bytes: objects.reduce((n, o) => n + Buffer.byteLength(o), 0),
      namespaces: [...namespaces].join(' '),
    });
  }
  const w = Math.max(...rows.map((r) => r.route.length));
  console.log(`locale ${locale}; bytes = JSON of the messages handed to client providers (sum over providers)`);
  console.log(`${'route'.padEnd(w)}  ${'HTML'.padStart(7)}  ${'messages'.padStart(8)}  providers  namespaces`);
  for (const r of rows) console.log(`${r.route.padEnd(w)}  ${String(r.html).padStart(7)}  ${String(r.bytes).padStart(8)}  ${String(r.providers).padStart(9)}  ${r.namespaces}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
