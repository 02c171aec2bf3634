/** The shape of a `pac` sub-command: its options (node:util parseArgs) and what it does. */
import type { ParseArgsConfig } from 'node:util';
import type { Label, Lang } from '#core';
import type { Io } from './output.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  lang: Lang;
  io: Io;
}

export interface Command {
  name: string;
  summary: Label;
  usage: string;
  options: Options;
  /** Returns the process exit code. */
  run(ctx: CommandContext): Promise<number> | number;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: Options = {
  json: { type: 'boolean', default: false },
  lang: { type: 'string', default: 'fr' },
  help: { type: 'boolean', short: 'h', default: false },
};
