#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm run build`, which `prepare` runs on `npm ci` and `npm install`
// in a checkout (and `npm start` and `npm test` run too).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(`brokerlab: not built yet: run \`npm run build\` in ${root}\n`);
  process.exit(2);
}
const { main } = await import(entry.href);

process.exitCode = await main(process.argv.slice(2));
