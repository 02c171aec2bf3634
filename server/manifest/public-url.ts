/**
 * The service's public address (PAC_PUBLIC_URL, `pac manifest --url`), checked once for everyone
 * who builds an address from it: the add-in manifest, the help page, the start-up output. It must
 * be the bare origin the ministries' computers reach — https, no path, no query — because Office
 * loads add-in pages over HTTPS only and the service answers at the root of its address (the
 * dashboard at "/", the pane at "/addin/"). Plain http is accepted for localhost alone, to try
 * things on one machine.
 */
import type { Lang } from '#core';

export type PublicUrl = { ok: true; url: string } | { ok: false; message: Record<Lang, string> };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `text` as an origin without trailing slash ("https://pac.example.ml:8443"), or why it is refused. */
export function parsePublicUrl(text: string, name: string): PublicUrl {
  const given = text.trim();
  const refuse = (fr: string, en: string): PublicUrl => ({
    ok: false,
    message: {
      fr: `${name} : ${fr} (reçu « ${text} »). Exemple : https://pac.example.ml — l'adresse https du service, sans chemin ni paramètre ; http:// n'est accepté que pour localhost, en développement.`,
      en: `${name}: ${en} (got "${text}"). Example: https://pac.example.ml — the service's https address, with no path or query; http:// is accepted for localhost only, in development.`,
    },
  });
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return refuse("ce n'est pas une adresse", 'this is not an address');
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return refuse(
      "l'adresse doit commencer par https:// (Office n'ouvre les compléments qu'en HTTPS)",
      'the address must start with https:// (Office opens add-ins over HTTPS only)',
    );
  }
  if (url.username || url.password) {
    return refuse(
      "l'adresse ne doit contenir ni utilisateur ni mot de passe",
      'the address must hold no user or password',
    );
  }
  if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(given)) {
    return refuse(
      "l'adresse ne doit avoir ni chemin, ni paramètre, ni ancre : le service répond à la racine de son adresse",
      'the address must have no path, query or fragment: the service answers at the root of its address',
    );
  }
  return { ok: true, url: url.origin };
}
