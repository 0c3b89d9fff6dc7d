/** The orchestrator's progress lines, on stderr (stdout carries the Markdown report). */
export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
