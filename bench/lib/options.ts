import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes';

export interface Options {
  scale: string;
  seed: number;
  fresh: boolean;
  duration: number;
  warmup: number;
  rounds: number;
  connections: number;
  rate?: number;
  pool: number;
  workloads?: string;
  adapters: string[];
  soak: number;
  captureOnly: boolean;
  out?: string;
  /** Node flags for the app and the floor: package.json's unless `--node-flags` (`none`: V8 defaults). */
  nodeFlags: string[];
}

/**
 * The runtime flags `npm start` gives the API (package.json config.node_flags): the app runs as
 * deployed, and the floor gets the same runtime so the ratio measures code, not V8 settings.
 */
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { config?: { node_flags?: string } };
const NODE_FLAGS: string[] = (PACKAGE.config?.node_flags ?? '').split(/\s+/).filter(Boolean);

/** How one flag reads its value: `value()` takes the next argument (or the `=` part), `num()` a non-negative number. */
interface FlagReader {
  value(): string;
  num(): number;
}

const FLAGS: Record<string, (o: Options, read: FlagReader) => void> = {
  '--scale': (o, r) => (o.scale = r.value()),
  '--seed': (o, r) => (o.seed = r.num()),
  '--fresh': (o) => (o.fresh = true),
  '--duration': (o, r) => (o.duration = r.num()),
  '--warmup': (o, r) => (o.warmup = r.num()),
  '--rounds': (o, r) => (o.rounds = Math.max(1, Math.round(r.num()))),
  '--connections': (o, r) => (o.connections = r.num()),
  '--rate': (o, r) => (o.rate = r.num()),
  '--pool': (o, r) => (o.pool = r.num()),
  '--workloads': (o, r) => (o.workloads = r.value()),
  '--adapters': (o, r) => (o.adapters = r.value().split(',')),
  '--soak': (o, r) => (o.soak = r.num()),
  '--capture-only': (o) => (o.captureOnly = true),
  '--out': (o, r) => (o.out = r.value()),
  '--node-flags': (o, r) => {
    const v = r.value();
    o.nodeFlags = v === 'none' ? [] : v.split(/\s+/).filter(Boolean);
  },
};

function defaults(): Options {
  return {
    scale: 'large',
    seed: 2026,
    fresh: false,
    duration: 30,
    warmup: 5,
    rounds: 3,
    connections: 24,
    pool: 10,
    adapters: ['express'],
    soak: 0,
    captureOnly: false,
    nodeFlags: NODE_FLAGS,
  };
}

export function parseArgs(argv: string[]): Options {
  const o = defaults();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const num = () => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number`);
      return n;
    };
    const apply = Object.hasOwn(FLAGS, flag) ? FLAGS[flag] : undefined;
    if (!apply) throw new Error(`unknown option ${flag}`);
    apply(o, { value, num });
  }
  if (!['small', 'medium', 'large'].includes(o.scale)) throw new Error('--scale must be small, medium or large');
  for (const a of o.adapters) if (!['express', 'fastify'].includes(a)) throw new Error('--adapters: express and/or fastify');
  return o;
}
