#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm run build` (run by `npm start`, `npm test` and `prepare`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
