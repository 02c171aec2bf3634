/**
 * Dispatches `pac <command>` to its module. Usage errors (unknown command or option) say what is
 * wrong in French (or English with --lang en) and exit with 2.
 */
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, type Command } from './command.ts';
import { annualPlanCommand } from './commands/annual-plan.ts';
import { checkPlanCommand } from './commands/check-plan.ts';
import { importLegacyCommand } from './commands/import-legacy.ts';
import { manifestCommand } from './commands/manifest.ts';
import { planCommand } from './commands/plan.ts';
import { templateCommand } from './commands/template.ts';
import { tokenCommand } from './commands/token.ts';
import { validateCommand } from './commands/validate.ts';
import { EXIT, type Io, langOf, processIo } from './output.ts';

export const COMMANDS: readonly Command[] = [
  planCommand,
  annualPlanCommand,
  checkPlanCommand,
  templateCommand,
  validateCommand,
  importLegacyCommand,
  tokenCommand,
  manifestCommand,
];

function help(lang: 'fr' | 'en'): string {
  const lines = [
    lang === 'fr' ? 'Usage : pac <commande> [options]' : 'Usage: pac <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(44)} ${c.summary[lang]}`),
    '',
    lang === 'fr'
      ? 'Options communes : --json (sortie JSON), --lang fr|en, --help'
      : 'Common options: --json (JSON output), --lang fr|en, --help',
  ];
  return lines.join('\n');
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const langArg = argv.indexOf('--lang');
  const lang = langOf(langArg >= 0 ? argv[langArg + 1] : argv.find((a) => a.startsWith('--lang='))?.slice(7));
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help(lang));
    return name ? EXIT.ok : EXIT.unusable;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(
      lang === 'fr'
        ? `Commande inconnue « ${name} ». Commandes disponibles : ${COMMANDS.map((c) => c.name).join(', ')}.`
        : `Unknown command "${name}". Available commands: ${COMMANDS.map((c) => c.name).join(', ')}.`,
    );
    return EXIT.unusable;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...COMMON_OPTIONS, ...command.options },
      allowPositionals: true,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    io.err(
      lang === 'fr'
        ? `Option invalide pour « pac ${name} » : ${detail}\nUsage : pac ${command.usage}`
        : `Invalid option for "pac ${name}": ${detail}\nUsage: pac ${command.usage}`,
    );
    return EXIT.unusable;
  }
  if (parsed.values.help) {
    io.out(`pac ${command.usage}\n${command.summary[lang]}`);
    return EXIT.ok;
  }
  return command.run({ values: parsed.values, positionals: parsed.positionals, lang, io });
}
