#!/usr/bin/env node
// The `bcd-api` command: classify a folder of mammograms from a shell. See README.md.
import { runCli } from './internal/run-cli.js';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bcd-api: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
