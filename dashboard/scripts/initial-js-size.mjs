// The JavaScript a browser loads to show the dashboard's first page, gzipped: every script and modulepreload that
// build/index.html names, and what those import statically (the import graph, followed through the built files).
// Dynamic imports (CodeMirror, the other pages) are loaded later and not counted. Exits 1 above the budget.
//
//   node scripts/initial-js-size.mjs [build directory] [budget in KB, default 200]
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

const build = process.argv[2] ?? 'build';
const budget = Number(process.argv[3] ?? 200) * 1024;
const html = readFileSync(join(build, 'index.html'), 'utf8');

const named = [
	...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
	...html.matchAll(/<link[^>]*\shref="([^"]+\.js)"[^>]*rel="modulepreload"|<link[^>]*rel="modulepreload"[^>]*\shref="([^"]+)"/g)
].map((m) => m[1] ?? m[2]);

const seen = new Set();
const queue = named.map((src) => posix.normalize(src));
while (queue.length) {
	const file = queue.shift();
	if (seen.has(file)) continue;
	seen.add(file);
	const code = readFileSync(join(build, file), 'utf8');
	// static imports only: `import x from "./a.js"`, `export * from "./b.js"`, `import "./c.js"`; also the
	// bootstrap's first import() calls, which start the app at once
	const imports = [...code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)].map((m) => m[1]);
	if (file.includes('/bootstrap.')) imports.push(...[...code.matchAll(/import\(\s*"([^"]+\.js)"\s*\)/g)].map((m) => m[1]));
	for (const target of imports) {
		queue.push(target.startsWith('/') ? target : posix.join(dirname(file), target));
	}
}

let raw = 0;
let gzipped = 0;
const rows = [...seen].sort().map((file) => {
	const bytes = readFileSync(join(build, file));
	const gz = gzipSync(bytes, { level: 9 }).length;
	raw += bytes.length;
	gzipped += gz;
	return `${(gz / 1024).toFixed(1).padStart(7)} KB  ${file}`;
});
console.log(rows.join('\n'));
console.log(`${seen.size} files, ${(raw / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped ` +
	`(budget ${budget / 1024} KB)`);
process.exit(gzipped > budget ? 1 : 0);
