/**
 * `pac manifest --url https://pac.example.ml [--id GUID] [-o manifest.xml]`: the Excel add-in's
 * manifest for the service's public address, to deploy from the Microsoft 365 admin center or a
 * shared catalogue (README, « Déployer pour les ministères »). Without -o it is printed. The
 * repository's own manifest.xml is this command's output for https://localhost:3000.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Lang } from '#core';
import { addinManifest, DEV_ADDIN_ID, isGuid } from '../../manifest/addin-manifest.ts';
import { parsePublicUrl } from '../../manifest/public-url.ts';
import type { Command } from '../command.ts';
import { EXIT, printJson } from '../output.ts';

const USAGE = 'manifest --url https://ADRESSE [--id GUID] [-o manifest.xml]';

const T = {
  fr: {
    missingUrl: `Indiquez l'adresse publique du service avec --url (par exemple https://pac.example.ml).\nUsage : pac ${USAGE}`,
    badId: (id: string, example: string) =>
      `--id : « ${id} » n'est pas un GUID (attendu 8-4-4-4-12 chiffres hexadécimaux, par exemple ${example}).`,
    cannotWrite: (path: string, why: string) => `Impossible d'écrire « ${path} » : ${why}`,
    written: (path: string, url: string, id: string) =>
      `Manifeste écrit : ${path}\nAdresse : ${url}\nIdentifiant du complément : ${id}${id === DEV_ADDIN_ID ? ' (celui du développement ; donnez --id pour un déploiement à vous)' : ''}`,
  },
  en: {
    missingUrl: `Give the service's public address with --url (for example https://pac.example.ml).\nUsage: pac ${USAGE.replace('ADRESSE', 'ADDRESS')}`,
    badId: (id: string, example: string) =>
      `--id: "${id}" is not a GUID (expected 8-4-4-4-12 hexadecimal digits, for example ${example}).`,
    cannotWrite: (path: string, why: string) => `Cannot write "${path}": ${why}`,
    written: (path: string, url: string, id: string) =>
      `Manifest written: ${path}\nAddress: ${url}\nAdd-in Id: ${id}${id === DEV_ADDIN_ID ? ' (the development one; give --id for a deployment of your own)' : ''}`,
  },
} as const satisfies Record<Lang, unknown>;

export const manifestCommand: Command = {
  name: 'manifest',
  summary: {
    fr: "Écrit le manifeste du complément Excel pour l'adresse publique du service",
    en: "Writes the Excel add-in's manifest for the service's public address",
  },
  usage: USAGE,
  options: { url: { type: 'string' }, id: { type: 'string' }, output: { type: 'string', short: 'o' } },
  async run({ values, lang, io }) {
    const t = T[lang];
    const given = typeof values.url === 'string' ? values.url : '';
    if (given.trim() === '') {
      io.err(t.missingUrl);
      return EXIT.unusable;
    }
    const url = parsePublicUrl(given, '--url');
    if (!url.ok) {
      io.err(url.message[lang]);
      return EXIT.unusable;
    }
    const id = typeof values.id === 'string' ? values.id.trim() : DEV_ADDIN_ID;
    if (!isGuid(id)) {
      io.err(t.badId(id, randomUUID()));
      return EXIT.unusable;
    }
    const xml = addinManifest({ url: url.url, id });
    const output = typeof values.output === 'string' ? values.output : '';
    if (output === '') {
      if (values.json) printJson(io, { url: url.url, id, manifest: xml });
      else io.out(xml.trimEnd());
      return EXIT.ok;
    }
    try {
      await writeFile(output, xml);
    } catch (error) {
      io.err(t.cannotWrite(output, error instanceof Error ? error.message : String(error)));
      return EXIT.unusable;
    }
    if (values.json) printJson(io, { url: url.url, id, file: output });
    else io.out(t.written(output, url.url, id));
    return EXIT.ok;
  },
};
