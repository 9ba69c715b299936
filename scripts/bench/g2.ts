// G2: submitting an application through the real server action, over HTTP as a browser
// does it (Next-Action header, multipart body in React's reply encoding), against pgbench
// running the same statements saveApplication runs, in one transaction, on the same server.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

export const G2_PROGRAMME = 'heating_fee_waiver';

/** The action's id from the build's own manifest (it changes with every build). */
export function saveActionId(distDir: string): string {
  const m = JSON.parse(readFileSync(path.join(distDir, 'server', 'server-reference-manifest.json'), 'utf8')) as { node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }> };
  const hit = Object.entries(m.node).find(([, v]) => v.exportedName === 'saveApplicationAction' && (v.filename?.includes('resident/apply') ?? Object.keys(v.workers).some((w) => w.includes('resident/apply'))));
  if (!hit) throw new Error('saveApplicationAction is not in the build’s server-reference-manifest.json');
  return hit[0];
}

/** useActionState calls the action with (previous state, form data): React encodes that as field 0 plus the form's fields under _1_ (React 19's reply encoding). */
export function actionBody(idempotencyKey: string): { body: string; contentType: string } {
  const boundary = `----bench${idempotencyKey}`;
  // The root (field 0) comes last, as React's encodeReply writes it: the server decodes the
  // multipart stream as it arrives and resolves $K1 from the fields it has seen by then.
  const fields: [string, string][] = [
    ['_1_programme', G2_PROGRAMME],
    ['_1_idempotencyKey', idempotencyKey],
    ['_1_intent', 'submit'],
    ['_1_note', 'bench'],
    ['0', '[null,"$K1"]'],
  ];
  const body = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function actionHeaders(base: string, actionId: string, cookie: string, contentType: string): Record<string, string> {
  return { 'next-action': actionId, 'content-type': contentType, accept: 'text/x-component', origin: base, cookie };
}

let keyCounter = 0;
const newKey = () => `bench-${process.pid}-${Date.now().toString(36)}-${keyCounter++}`;

/** One submission, checked: the action must answer with status ok. */
export async function submitOnce(base: string, actionId: string, cookie: string): Promise<void> {
  const { body, contentType } = actionBody(newKey());
  const res = await fetch(`${base}/resident/apply/${G2_PROGRAMME}`, { method: 'POST', headers: actionHeaders(base, actionId, cookie, contentType), body, redirect: 'manual' });
  const text = await res.text();
  if (res.status !== 200 || !text.includes('"status":"ok"')) throw new Error(`the save action did not answer ok (HTTP ${res.status}): ${text.slice(0, 400)}`);
}

/** `cookies.length` submissions, each by another resident (one application per household × programme), 10 at a time. */
export async function actionRound(base: string, actionId: string, cookies: readonly string[]): Promise<{ tps: number; ok: number; failed: number }> {
  let i = 0;
  const t0 = performance.now();
  const r = await autocannon({
    url: `${base}/resident/apply/${G2_PROGRAMME}`,
    connections: Math.min(10, cookies.length),
    amount: cookies.length,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const { body, contentType } = actionBody(newKey());
          const cookie = cookies[i++ % cookies.length]!;
          return { ...req, method: 'POST', body, headers: actionHeaders(base, actionId, cookie, contentType) };
        },
      },
    ],
  });
  const seconds = (performance.now() - t0) / 1000;
  return { tps: r['2xx'] / seconds, ok: r['2xx'], failed: r.non2xx + r.errors + r.timeouts };
}

export function findPgbench(): string | null {
  for (const p of ['/usr/lib/postgresql/15/bin/pgbench', '/usr/lib/postgresql/16/bin/pgbench', '/usr/lib/postgresql/17/bin/pgbench']) if (existsSync(p)) return p;
  const w = spawnSync('sh', ['-c', 'command -v pgbench'], { encoding: 'utf8' });
  return w.status === 0 && w.stdout.trim() ? w.stdout.trim() : null;
}

/** The statements saveApplication runs for a first submission, in its order. JSON is built with jsonb_build_object: pgbench would read `:false` inside a literal as a variable. */
const PGBENCH_SCRIPT = `BEGIN;
SELECT household_id AS hh FROM bench_g2_pool WHERE n = (SELECT nextval('bench_g2_seq')) \\gset
SELECT * FROM programmes WHERE code = '${G2_PROGRAMME}';
SELECT h.id, h.owner_user_id, p.path FROM households h JOIN places p ON p.id = h.place_id WHERE h.id = :hh;
SELECT nextval('application_ref_seq')::text AS ref \\gset
INSERT INTO applications (reference, household_id, programme_code, status, answers, idempotency_key, created_by, on_behalf) VALUES ('ZZ-BENCH-' || :ref, :hh, '${G2_PROGRAMME}', 'draft', jsonb_build_object('note', 'bench'), md5(random()::text), :owner, false) ON CONFLICT DO NOTHING RETURNING id AS app \\gset
INSERT INTO audit_events (actor_id, actor_role, action, entity, entity_id, success, ip, details) VALUES (:owner, 'resident', 'application.create', 'application', :app, true, '127.0.0.1', jsonb_build_object('programme', '${G2_PROGRAMME}', 'onBehalf', false));
UPDATE applications SET status = 'submitted', version = 2, submitted_at = now(), updated_at = now(), return_reason = NULL, answers = jsonb_build_object('note', 'bench') WHERE id = :app AND version = 1 RETURNING *;
INSERT INTO application_events (application_id, actor_id, actor_role, action, from_status, to_status) VALUES (:app, :owner, 'resident', 'submit', 'draft', 'submitted');
INSERT INTO audit_events (actor_id, actor_role, action, entity, entity_id, success, ip, details) VALUES (:owner, 'resident', 'application.submit', 'application', :app, true, '127.0.0.1', jsonb_build_object('from', 'draft', 'to', 'submitted'));
INSERT INTO notifications (user_id, kind, params, link) VALUES (:owner, 'application.submitted', jsonb_build_object('programme', '${G2_PROGRAMME}'), '/resident/applications') RETURNING id AS nid \\gset
INSERT INTO notification_outbox (notification_id, channel) VALUES (:nid, 'sms');
END;
`;

/** One pgbench round of `transactions` transactions over 10 connections; its tps (initial connections excluded). */
export function pgbenchRound(bin: string, url: string, owner: string, transactions: number): number {
  const script = path.join(os.tmpdir(), `relief-bench-g2-${process.pid}.sql`);
  writeFileSync(script, PGBENCH_SCRIPT);
  const clients = 10;
  const r = spawnSync(bin, ['-n', '-M', 'extended', '-c', String(clients), '-j', '2', '-t', String(Math.max(1, Math.floor(transactions / clients))), '-D', `owner=${owner}`, '-f', script, url], { encoding: 'utf8' });
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(r.stdout);
  if (r.status !== 0 || !m) throw new Error(`pgbench failed (exit ${r.status}): ${(r.stdout + r.stderr).slice(-1500)}`);
  if (/aborted/.test(r.stdout) && !/number of failed transactions: 0/.test(r.stdout)) throw new Error(`pgbench had failed transactions:\n${r.stdout.slice(-1500)}`);
  return Number(m[1]);
}
