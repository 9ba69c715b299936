// One line per target: the figure, the target, PASS or FAIL; the same lines go to
// bench/results/latest.json with the machine's core count and load beside them.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TargetLine {
  id: string;
  what: string;
  /** null: no figure could be measured (the reason is in `note`); the line is then a FAIL. */
  figure: number | null;
  unit: string;
  /** The target as written in issue 8, e.g. "≥ 50 % of the bare page". */
  target: string;
  pass: boolean;
  note?: string;
  /** Absolute timings depend on the machine: these lines carry the core count and load. */
  absolute?: boolean;
}

export const machine = () => ({ cores: os.availableParallelism(), load: os.loadavg().map((x) => Number(x.toFixed(2))) });

export class Report {
  lines: TargetLine[] = [];
  info: Record<string, unknown> = {};

  add(line: TargetLine): void {
    this.lines.push(line);
    console.log(format(line));
  }

  fail(id: string, what: string, target: string, note: string): void {
    this.add({ id, what, figure: null, unit: '', target, pass: false, note });
  }

  summary(): void {
    console.log('\n==== issue 8 targets ====');
    for (const l of this.lines) console.log(format(l));
    const passed = this.lines.filter((l) => l.pass).length;
    console.log(`${passed}/${this.lines.length} PASS`);
  }

  write(file = path.join(process.cwd(), 'bench', 'results', 'latest.json')): void {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, ...this.info, machineAtEnd: machine(), lines: this.lines }, null, 2) + '\n');
    console.log(`written: ${path.relative(process.cwd(), file)}`);
  }
}

function format(l: TargetLine): string {
  const fig = l.figure === null ? '—' : `${round(l.figure)}${l.unit ? ' ' + l.unit : ''}`;
  const m = machine();
  const where = l.absolute ? `  [${m.cores} cores, load ${m.load.join(' ')}]` : '';
  return `${l.pass ? 'PASS' : 'FAIL'}  ${l.id.padEnd(14)} ${l.what}: ${fig} (target ${l.target})${l.note ? ' — ' + l.note : ''}${where}`;
}

function round(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
}
