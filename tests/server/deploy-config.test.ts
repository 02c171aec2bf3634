// The settings a deployment gives the service: PAC_PUBLIC_URL (a bare https origin; http for
// localhost only), HOST (this machine only unless told), PAC_ADDIN_ID, and when source maps are
// served — each refused at start with a message in French and English that says what to write.
import { describe, expect, it } from 'vitest';
import { configFromEnv, DEFAULT_HOST } from '../../server/config.ts';
import { parsePublicUrl } from '../../server/manifest/public-url.ts';

describe('parsePublicUrl', () => {
  it('takes an https origin, with a port or a trailing slash, as its bare origin', () => {
    expect(parsePublicUrl('https://pac.example.ml', 'X')).toEqual({
      ok: true,
      url: 'https://pac.example.ml',
    });
    expect(parsePublicUrl(' https://PAC.Example.ML:8443/ ', 'X')).toEqual({
      ok: true,
      url: 'https://pac.example.ml:8443',
    });
    expect(parsePublicUrl('https://ministère.ml', 'X')).toEqual({
      ok: true,
      url: 'https://xn--ministre-60a.ml',
    });
    expect(parsePublicUrl('https://pac.example.ml:443', 'X')).toEqual({
      ok: true,
      url: 'https://pac.example.ml',
    });
  });

  it('takes plain http for localhost only, for development', () => {
    expect(parsePublicUrl('http://localhost:3000', 'X')).toEqual({ ok: true, url: 'http://localhost:3000' });
    expect(parsePublicUrl('http://127.0.0.1:3000', 'X')).toEqual({ ok: true, url: 'http://127.0.0.1:3000' });
    const refused = parsePublicUrl('http://pac.example.ml', 'PAC_PUBLIC_URL');
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.message.fr).toContain("PAC_PUBLIC_URL : l'adresse doit commencer par https://");
    expect(refused.message.en).toContain('PAC_PUBLIC_URL: the address must start with https://');
  });

  it('refuses a path, a query, a fragment, credentials, another scheme or no address at all, saying why', () => {
    const why = (text: string) => {
      const r = parsePublicUrl(text, 'PAC_PUBLIC_URL');
      return r.ok ? 'accepted' : r.message.fr;
    };
    expect(why('https://intranet.gouv.ml/pac')).toContain('ni chemin, ni paramètre');
    expect(why('https://pac.example.ml/?x=1')).toContain('ni chemin, ni paramètre');
    expect(why('https://pac.example.ml/?')).toContain('ni chemin, ni paramètre');
    expect(why('https://pac.example.ml/#aide')).toContain('ni chemin, ni paramètre');
    expect(why('https://sp:secret@pac.example.ml')).toContain('ni utilisateur ni mot de passe');
    expect(why('ftp://pac.example.ml')).toContain('https://');
    expect(why('pac.example.ml')).toContain("ce n'est pas une adresse");
    expect(why('https://pac.example.ml/x')).toContain('(reçu « https://pac.example.ml/x »)');
  });
});

describe('configFromEnv, for a deployment', () => {
  it('listens on this machine only by default, and where HOST says otherwise', () => {
    expect(DEFAULT_HOST).toBe('127.0.0.1');
    expect(configFromEnv({}).host).toBe('127.0.0.1');
    expect(configFromEnv({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('keeps the public address as its origin, and stops on a wrong one in French and English', () => {
    expect(configFromEnv({}).publicUrl).toBeNull();
    expect(configFromEnv({ PAC_PUBLIC_URL: 'https://pac.example.ml/' }).publicUrl).toBe(
      'https://pac.example.ml',
    );
    expect(() => configFromEnv({ PAC_PUBLIC_URL: 'https://intranet.gouv.ml/pac' })).toThrow(
      /PAC_PUBLIC_URL : .*\nPAC_PUBLIC_URL: the address must have no path/,
    );
  });

  it('serves source maps in development, not with NODE_ENV=production, unless PAC_SOURCE_MAPS says', () => {
    expect(configFromEnv({}).sourceMaps).toBe(true);
    expect(configFromEnv({ NODE_ENV: 'production' }).sourceMaps).toBe(false);
    expect(configFromEnv({ NODE_ENV: 'production', PAC_SOURCE_MAPS: '1' }).sourceMaps).toBe(true);
    expect(configFromEnv({ PAC_SOURCE_MAPS: '0' }).sourceMaps).toBe(false);
    expect(() => configFromEnv({ PAC_SOURCE_MAPS: 'peut-être' })).toThrow(
      /PAC_SOURCE_MAPS doit valoir 1 ou 0/,
    );
  });

  it('takes an add-in Id that is a GUID, and the contact shown to planners', () => {
    const id = '0f8c2f9e-4d1b-4c7a-9e35-6b2d8a1c7f40';
    expect(configFromEnv({ PAC_ADDIN_ID: id }).addinId).toBe(id);
    expect(configFromEnv({}).addinId).toBeNull();
    expect(() => configFromEnv({ PAC_ADDIN_ID: 'pac' })).toThrow(
      /PAC_ADDIN_ID doit être un GUID[\s\S]*must be a GUID/,
    );
    expect(configFromEnv({ PAC_CONTACT: ' sp@example.ml ' }).contact).toBe('sp@example.ml');
  });
});
