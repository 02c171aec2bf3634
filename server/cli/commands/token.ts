/**
 * `pac token create|revoke|list`: manage access tokens directly on the service's database
 * (DATA_DIR or DATABASE_URL, as `npm start` uses them), for the administrator at the machine.
 *   pac token create --role ministry --ministry MARCC --label "CPS MARCC" [--expires 2026-12-31]
 *   pac token revoke <id>
 *   pac token list
 * The new token is printed once; only its hash is stored.
 */
import { indexPlan, type Lang } from '#core';
import { createToken, returningMinistries } from '../../auth/create-token.ts';
import type { Actor, Role, Store, TokenRow } from '../../store/store.ts';
import type { Command, CommandContext } from '../command.ts';
import { EXIT, printJson, textTable } from '../output.ts';
import { withServiceStore } from '../service-store.ts';

const ACTOR: Actor = { tokenId: null, label: 'ligne de commande (pac token)', role: 'system' };
const ROLES: readonly Role[] = ['admin', 'consolidator', 'ministry'];

const T = {
  fr: {
    usage:
      'Usage : pac token create --role admin|consolidator|ministry [--ministry CODE] --label TEXTE [--expires DATE] | pac token revoke ID | pac token list',
    role: (r: string) => `Rôle inconnu « ${r} » : admin, consolidator ou ministry.`,
    ministryNeeded: 'Un jeton « ministry » demande --ministry CODE ; les autres rôles n’en ont pas.',
    label: 'Donnez une étiquette avec --label (par exemple « CPS MARCC »).',
    expires: (e: string) =>
      `Date d'expiration illisible « ${e} » (attendu : 2026-12-31 ou une date ISO 8601).`,
    unknownMinistry: (m: string, known: string) =>
      `Ministère inconnu « ${m} ». Ministères qui transmettent un retour : ${known}.`,
    created: (t: TokenRow) =>
      `Jeton créé : ${t.id} (${t.role}${t.ministry ? ` ${t.ministry}` : ''}, « ${t.label} »)`,
    secret: 'Jeton (affiché une seule fois, transmettez-le par un canal sûr) :',
    revoked: (t: TokenRow) => `Jeton ${t.id} (« ${t.label} ») révoqué.`,
    notFound: (id: string) => `Aucun jeton « ${id} ». Voir « pac token list ».`,
    headers: ['Id', 'Rôle', 'Ministère', 'Étiquette', 'Créé', 'Dernier usage', 'Révoqué'],
  },
  en: {
    usage:
      'Usage: pac token create --role admin|consolidator|ministry [--ministry CODE] --label TEXT [--expires DATE] | pac token revoke ID | pac token list',
    role: (r: string) => `Unknown role "${r}": admin, consolidator or ministry.`,
    ministryNeeded: 'A "ministry" token needs --ministry CODE; other roles take none.',
    label: 'Give a label with --label (for example "CPS MARCC").',
    expires: (e: string) => `Unreadable expiry date "${e}" (expected 2026-12-31 or an ISO 8601 date).`,
    unknownMinistry: (m: string, known: string) =>
      `Unknown ministry "${m}". Ministries that send a return: ${known}.`,
    created: (t: TokenRow) =>
      `Token created: ${t.id} (${t.role}${t.ministry ? ` ${t.ministry}` : ''}, "${t.label}")`,
    secret: 'Token (shown once, hand it over through a safe channel):',
    revoked: (t: TokenRow) => `Token ${t.id} ("${t.label}") revoked.`,
    notFound: (id: string) => `No token "${id}". See "pac token list".`,
    headers: ['Id', 'Role', 'Ministry', 'Label', 'Created', 'Last used', 'Revoked'],
  },
} satisfies Record<Lang, unknown>;

function expiryOf(text: string | undefined): string | null | undefined {
  if (text === undefined) return undefined;
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T23:59:59.999Z` : text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

async function create(store: Store, { values, lang, io }: CommandContext): Promise<number> {
  const t = T[lang];
  const role = String(values.role ?? '') as Role;
  const ministry = typeof values.ministry === 'string' ? values.ministry : undefined;
  const label = typeof values.label === 'string' ? values.label.trim() : '';
  const expires = expiryOf(typeof values.expires === 'string' ? values.expires : undefined);
  const refuse = (message: string) => {
    io.err(message);
    return EXIT.unusable;
  };
  if (!ROLES.includes(role)) return refuse(t.role(role));
  if ((role === 'ministry') !== (ministry !== undefined)) return refuse(t.ministryNeeded);
  if (!label) return refuse(t.label);
  if (expires === null) return refuse(t.expires(String(values.expires)));
  // A ministry of any hosted plan (the one published last first).
  const hosted = await Promise.all(
    (await store.listPlans()).map((r) => store.planVersion(r.version, r.planId)),
  );
  const indexes = hosted.flatMap((p) => (p ? [indexPlan(p.plan)] : []));
  const knows = (i: (typeof indexes)[number]) =>
    ministry !== undefined && returningMinistries(i).includes(i.resolveMinistry(ministry)?.[0] ?? '');
  const index = indexes.find(knows) ?? indexes[0];
  if (!index) throw new Error('no plan after bootstrap');
  const created = await createToken(store, index, { role, ministry, label, expiresAt: expires }, ACTOR);
  if (!created.ok)
    return refuse(t.unknownMinistry(created.unknownMinistry, returningMinistries(index).join(', ')));
  if (values.json) printJson(io, { token: created.token, secret: created.secret });
  else io.out(`${t.created(created.token)}\n${t.secret}\n  ${created.secret}`);
  return EXIT.ok;
}

async function revoke(
  store: Store,
  id: string | undefined,
  { lang, io, values }: CommandContext,
): Promise<number> {
  const t = T[lang];
  if (!id) {
    io.err(t.usage);
    return EXIT.unusable;
  }
  const row = await store.revokeToken(id, ACTOR);
  if (!row) {
    io.err(t.notFound(id));
    return EXIT.unusable;
  }
  if (values.json) printJson(io, { token: row });
  else io.out(t.revoked(row));
  return EXIT.ok;
}

async function list(store: Store, { lang, io, values }: CommandContext): Promise<number> {
  const tokens = await store.listTokens();
  if (values.json) {
    printJson(io, { tokens });
    return EXIT.ok;
  }
  const day = (s: string | null) => s?.slice(0, 16).replace('T', ' ') ?? '—';
  io.out(
    textTable([
      T[lang].headers,
      ...tokens.map((k) => [
        k.id,
        k.role,
        k.ministry ?? '—',
        k.label,
        day(k.createdAt),
        day(k.lastUsedAt),
        day(k.revokedAt),
      ]),
    ]),
  );
  return EXIT.ok;
}

export const tokenCommand: Command = {
  name: 'token',
  summary: {
    fr: "Crée, révoque ou liste les jetons d'accès au service",
    en: 'Creates, revokes or lists access tokens to the service',
  },
  usage: 'token create --role ROLE [--ministry CODE] --label TEXTE | token revoke ID | token list',
  options: {
    role: { type: 'string' },
    ministry: { type: 'string' },
    label: { type: 'string' },
    expires: { type: 'string' },
  },
  async run(ctx) {
    const [action, id] = ctx.positionals;
    if (action !== 'create' && action !== 'revoke' && action !== 'list') {
      ctx.io.err(T[ctx.lang].usage);
      return EXIT.unusable;
    }
    return withServiceStore(ctx, async (store) => {
      if (action === 'create') return await create(store, ctx);
      if (action === 'revoke') return await revoke(store, id, ctx);
      return await list(store, ctx);
    });
  },
};
