// Writes bench/results/<name>.json with what was measured and on what machine.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './deps.mjs';

export const RESULTS_DIR = path.join(REPO_ROOT, 'bench/results');

function commitOf() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function writeResult(name, body) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const document = {
    benchmark: name,
    measuredAt: new Date().toISOString(),
    commit: commitOf(),
    machine: machine(),
    ...body,
  };
  // Write then rename: a reader never sees half a file.
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(document, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}
