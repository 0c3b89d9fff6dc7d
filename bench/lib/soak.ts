/** The soak: a mixed load for a while against the app, with its memory sampled. */
import { BenchData, Workload } from '../workloads';
import { LoadResult, runLoad } from './load';
import { log, sleep } from './log';
import { Options } from './options';
import { Server } from './processes';

/** A mixed load for a while, sampling the app's memory; flat means no growth after warm-up. */
export async function soak(app: Server, workloads: Workload[], data: BenchData, options: Options) {
  const warmupSeconds = Math.min(60, Math.round(options.soak / 5));
  log(`soak: ${options.soak} s mixed load (${workloads.map((w) => w.id).join(', ')}), memory sampled every 5 s`);
  const samples: { t: number; rss: number; heapUsed: number; heapTotal: number; external: number }[] = [];
  const started = Date.now();
  let afterWarmup: NodeJS.MemoryUsage | undefined;
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  const timer = setInterval(() => {
    void app.memory(false).then((m) =>
      samples.push({
        t: Math.round((Date.now() - started) / 1000),
        rss: mb(m.rss),
        heapUsed: mb(m.heapUsed),
        heapTotal: mb(m.heapTotal),
        external: mb(m.external),
      }),
    );
  }, 5_000);
  const warmupTimer = setTimeout(() => void app.memory(true).then((m) => (afterWarmup = m)), warmupSeconds * 1000);
  const result: LoadResult = await runLoad(app.url, workloads, data, { connections: options.connections, duration: options.soak });
  clearInterval(timer);
  clearTimeout(warmupTimer);
  await sleep(1000);
  const end = await app.memory(true);
  const steady = samples.filter((s) => s.t >= warmupSeconds);
  const slope = linearSlope(steady.map((s) => [s.t / 60, s.rss]));
  const heapGrowth = afterWarmup ? mb(end.heapUsed - afterWarmup.heapUsed) : undefined;
  const rssGrowth = afterWarmup ? mb(end.rss - afterWarmup.rss) : undefined;
  const flat = heapGrowth !== undefined && heapGrowth < 10 && (rssGrowth ?? 0) < 50;
  log(
    `soak: ${result.throughput.toFixed(0)} req/s, errors ${result.errors}; heap after GC ${afterWarmup ? mb(afterWarmup.heapUsed) : '?'} -> ${mb(end.heapUsed)} MB, RSS ${afterWarmup ? mb(afterWarmup.rss) : '?'} -> ${mb(end.rss)} MB: ${flat ? 'flat' : 'GROWING'}`,
  );
  return {
    seconds: options.soak,
    warmupSeconds,
    workloads: workloads.map((w) => w.id),
    load: result,
    afterWarmupGc: afterWarmup && { rss: mb(afterWarmup.rss), heapUsed: mb(afterWarmup.heapUsed) },
    endGc: { rss: mb(end.rss), heapUsed: mb(end.heapUsed) },
    heapGrowthMb: heapGrowth,
    rssGrowthMb: rssGrowth,
    rssSlopeMbPerMinute: Math.round(slope * 100) / 100,
    flat,
    samples,
  };
}

function linearSlope(points: number[][]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  const num = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return den ? num / den : 0;
}
