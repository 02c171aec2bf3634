/**
 * What `npm start` prints once it listens: where it listens and on which database, then what a
 * newcomer does next — the dashboard, the pane, the add-in manifest and the planners' help page at
 * the address people will use, and the exact commands that make the first tokens. French first,
 * with the English words beside the labels.
 */
import { resolve } from 'node:path';
import type { Config } from './config.ts';
import { HELP_PATH } from './help/help-page.ts';

export interface StartupFacts {
  config: Config;
  /** The port actually bound (PORT=0 picks one). */
  port: number;
  seededPlan: string | null;
  mirrorSpreadsheet: string | null;
  adminToken: string | null;
}

const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);
const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/** How the service is reached from this machine. */
function localBase(host: string, port: number): string {
  const name =
    WILDCARD.has(host) || LOOPBACK.has(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

function hostNote(host: string): string {
  if (LOOPBACK.has(host))
    return 'ce poste seulement / this machine only — derrière le proxy inverse ; HOST=0.0.0.0 pour le réseau';
  if (WILDCARD.has(host))
    return 'toutes les interfaces / all interfaces — en HTTP simple : mettez un proxy HTTPS devant';
  return 'cette interface / this interface';
}

/** The `pac` command line as the operator types it on this machine, for the same database. */
function pacCommand(config: Config): string {
  const dataDir =
    !config.databaseUrl && config.dataDir !== resolve('data') ? `DATA_DIR=${config.dataDir} ` : '';
  return `${dataDir}npm run -s pac --`;
}

export function startupMessage(facts: StartupFacts): string {
  const { config, port } = facts;
  const host = config.host ?? '127.0.0.1';
  const local = localBase(host, port);
  const base = config.publicUrl ?? local;
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite ${config.dataDir}/pac.sqlite`;
  const pac = pacCommand(config);

  const lines = [
    `PAC — service de synchronisation / sync service : ${local}/ (HOST=${host} : ${hostNote(host)})`,
    `Base / database : ${where}`,
  ];
  if (facts.seededPlan) lines.push(`Plan chargé / plan loaded : ${facts.seededPlan}`);
  if (facts.mirrorSpreadsheet) lines.push(`Miroir Google Sheets : classeur ${facts.mirrorSpreadsheet}`);
  if (config.publicUrl)
    lines.push(`Adresse publique / public address (PAC_PUBLIC_URL) : ${config.publicUrl}`);

  const rows: [string, string][] = [
    ['Tableau de bord du Secrétariat permanent / dashboard', `${base}/`],
    ['Volet Excel / Excel pane', `${base}/addin/taskpane.html`],
    [
      'Manifeste du complément / add-in manifest',
      config.publicUrl
        ? `${base}/addin/manifest.xml`
        : 'démarrez avec PAC_PUBLIC_URL=https://… pour le servir / start with PAC_PUBLIC_URL to serve it',
    ],
    ["Aide pour les planificateurs / planners' help", `${base}${HELP_PATH}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  lines.push(
    '',
    'Et maintenant / next steps :',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
  );
  lines.push(
    '',
    '  Créer un jeton consolidateur / a consolidator token :',
    `    ${pac} token create --role consolidator --label "Secrétariat permanent"`,
    '  Créer un jeton pour un ministère / a ministry token :',
    `    ${pac} token create --role ministry --ministry MARCC --label "CPS MARCC"`,
    "  Jeton d'administration perdu / lost administrator token (sur ce poste, même base) :",
    `    ${pac} token create --role admin --label "Administrateur"`,
  );
  if (config.databaseUrl)
    lines.push('  (avec la même DATABASE_URL que le service / with the same DATABASE_URL)');

  if (facts.adminToken) {
    lines.push(
      '',
      'Jeton administrateur (affiché une seule fois, conservez-le) / administrator token (shown once):',
      `  ${facts.adminToken}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
