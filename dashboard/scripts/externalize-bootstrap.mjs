// Post-build step (run by `npm run build`): SvelteKit's SPA index.html starts the app with an inline <script>.
// PiCloud's Content-Security-Policy (script-src 'self') forbids inline scripts, so the script moves into a file
// named by the hash of its content under build/_app/immutable/ (cached for a year, like the other hashed files)
// and index.html loads it with <script src>. It stays a classic script, not a module: it reads
// document.currentScript (null in modules) to find the element the app mounts into.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const build = process.argv[2] ?? 'build';
const indexPath = join(build, 'index.html');
const html = readFileSync(indexPath, 'utf8');

const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
if (inline.length !== 1) {
	console.error(`externalize-bootstrap: expected one inline <script> in ${indexPath}, found ${inline.length}`);
	process.exit(1);
}
const [tag, body] = inline[0];
const code = body.trim() + '\n';
const hash = createHash('sha256').update(code).digest('base64url').slice(0, 10);
const file = `_app/immutable/bootstrap.${hash}.js`;
writeFileSync(join(build, file), code);
writeFileSync(indexPath, html.replace(tag, `<script src="/${file}"></script>`));
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(readFileSync(indexPath, 'utf8'))) {
	console.error('externalize-bootstrap: an inline <script> is still in index.html');
	process.exit(1);
}
console.log(`externalize-bootstrap: index.html loads /${file}`);
