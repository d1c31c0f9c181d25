#!/usr/bin/env node
// `npx kontor …` — the headless sync and export (docs/sync.md). Plain node runs this file: it
// registers tsx (a dev dependency, installed by `npm ci`) and hands over to the TypeScript CLI.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
