#!/usr/bin/env node
// The `pac` command. It runs the TypeScript sources through tsx, so a checkout needs no build step.
import { register } from 'tsx/esm/api';

// `pac plan | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
