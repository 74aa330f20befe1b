// Prints the gzip -9 sizes of what visitors download and fails the build when a budget is exceeded:
// the loader (widget.js), the panel's initial JS+CSS, and each locale chunk.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const BUDGETS = { loader: 2048, locale: 2048 };

// Same deflate as `gzip -9 -n` (no file name in the header).
const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const row = (label, bytes, budget) =>
  `${label.padEnd(34)} ${String(bytes).padStart(6)} B gzip${budget ? `  (budget ${budget} B)` : ''}`;

const failures = [];
const check = (label, bytes, budget) => {
  console.log(row(label, bytes, budget));
  if (budget && bytes > budget) failures.push(`${label}: ${bytes} B > ${budget} B`);
};

check('widget.js (loader)', gzipSize(path.join(dist, 'widget.js')), BUDGETS.loader);

const panelDir = path.join(dist, 'panel');
const indexHtml = fs.readFileSync(path.join(panelDir, 'index.html'), 'utf8');
const initial = [...indexHtml.matchAll(/(?:src|href)="\/panel\/([^"]+\.(?:js|css))"/g)].map((match) => match[1]);
let initialTotal = 0;
for (const asset of initial) {
  const bytes = gzipSize(path.join(panelDir, asset));
  initialTotal += bytes;
  check(`panel ${asset}`, bytes);
}
check('panel initial JS+CSS total', initialTotal);

const assetsDir = path.join(panelDir, 'assets');
for (const name of fs.readdirSync(assetsDir).filter((file) => file.startsWith('locale-')).sort()) {
  check(`locale ${name.split('-')[1]}`, gzipSize(path.join(assetsDir, name)), BUDGETS.locale);
}

if (failures.length > 0) {
  console.error(`Size budget exceeded:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
