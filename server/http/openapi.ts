/**
 * The OpenAPI 3.1 document served at /api/openapi.json, built from the same zod schemas the
 * routes validate with, so the description cannot drift from what the service accepts. Each error
 * response is described by its catalogue wording in French and in English, what varies shown as
 * its name in braces ("Introuvable : {what}.").
 */

import * as z from 'zod';
import { ExecutionDocument, Me, Plan, Receipt, ReturnDocument, ReturnSummary } from '#core';
import {
  AuditQuery,
  DiffQuery,
  ExecutionReviewBody,
  IndicatorsBody,
  ListQuery,
  MinistryQuery,
  NewTokenBody,
  PeriodBody,
  PlanDiffQuery,
  PlanQuery,
  ReviewBody,
} from './api-schemas.ts';
import { CATALOGUE, entryOf } from './errors.ts';

type Schema = z.ZodType;

function jsonSchema(schema: Schema): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

function queryParameters(schema: z.ZodObject) {
  return Object.keys(schema.shape).map((name) => ({
    name,
    in: 'query',
    required: false,
    schema: jsonSchema(schema.shape[name] as Schema),
  }));
}

const ERROR = { $ref: '#/components/schemas/Error' };

/** Every parameter a message asks for, written as its own name in braces. */
const PLACEHOLDERS: Record<string, string> = new Proxy({}, { get: (_target, name) => `{${String(name)}}` });

/** "code — French / English"; several codes on one status are described one after the other. */
const errors = (...codes: (keyof typeof CATALOGUE)[]) => {
  const byStatus = new Map<string, string[]>();
  for (const code of codes) {
    const entry = entryOf(code);
    const line = `${code} — ${entry.fr(PLACEHOLDERS)} / ${entry.en(PLACEHOLDERS)}`;
    byStatus.set(String(entry.status), [...(byStatus.get(String(entry.status)) ?? []), line]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, lines]) => [
      status,
      { description: lines.join('\n\n'), content: { 'application/json': { schema: ERROR } } },
    ]),
  );
};
const ok = (description: string, type = 'application/json') => ({ description, content: { [type]: {} } });
/** A JSON answer whose shape is one of the declared schemas (the same the pane parses it with). */
const okJson = (description: string, schema: Record<string, unknown>) => ({
  description,
  content: { 'application/json': { schema } },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (ref: string) => ({
  required: true,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } },
});
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'PAC — service de synchronisation',
      version: '1',
      description:
        "Plan canonique, retours des ministères, revues et classeur consolidé du plan d'action PNLEVT 2021–2025. Montants en millions de FCFA. Erreurs : `{ error: { code, status, message, messages: { fr, en }, details } }`, dans la langue demandée (`?lang=en` ou `Accept-Language`), y compris les messages par champ d'une erreur 400 (`details.issues`). / Canonical plan, ministries' returns, reviews and consolidated workbook. Amounts in millions of FCFA. Errors come in the language asked for (`?lang=en` or `Accept-Language`), field messages of a 400 included.",
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ReturnDocument: jsonSchema(ReturnDocument),
        Plan: jsonSchema(Plan),
        Review: jsonSchema(ReviewBody),
        Me: jsonSchema(Me),
        Receipt: jsonSchema(Receipt),
        ReturnSummary: jsonSchema(ReturnSummary),
        NewToken: jsonSchema(NewTokenBody),
        ExecutionDocument: jsonSchema(ExecutionDocument),
        Period: jsonSchema(PeriodBody),
        ExecutionReview: jsonSchema(ExecutionReviewBody),
        Indicators: jsonSchema(IndicatorsBody),
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: {
                code: { enum: Object.keys(CATALOGUE) },
                status: { type: 'integer' },
                message: { type: 'string' },
                messages: { type: 'object', properties: { fr: { type: 'string' }, en: { type: 'string' } } },
                details: {},
              },
            },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/api/health': { get: { summary: 'État du service', security: [], responses: { 200: ok('ok') } } },
      '/api/me': {
        get: {
          summary: 'Qui est le jeton : rôle, ministère, libellé, plan en vigueur',
          responses: { 200: okJson('jeton', ref('Me')), ...errors('unauthenticated') },
        },
      },
      '/api/plan': {
        get: {
          summary: 'Plan en vigueur (ETag / If-None-Match)',
          parameters: queryParameters(PlanQuery),
          responses: {
            200: ok('plan'),
            304: { description: 'inchangé' },
            ...errors('unauthenticated', 'not_found'),
          },
        },
      },
      '/api/plans': {
        get: {
          summary:
            'Plans hébergés (un jeton ministère : ceux où son ministère a des activités), et celui par défaut',
          responses: { 200: ok('plans') },
        },
        post: {
          summary: 'Héberger un nouveau plan à côté des autres (administrateur)',
          requestBody: jsonBody('Plan'),
          responses: { 201: ok('hébergé'), ...errors('invalid_request', 'forbidden', 'plan_version_exists') },
        },
      },
      '/api/plans/diff': {
        get: {
          summary:
            'Ce que le nouveau cycle garde, renomme, renumérote, fusionne, abandonne et ajoute, et les montants par pilier et ministère (Secrétariat)',
          parameters: queryParameters(PlanDiffQuery),
          responses: { 200: ok('comparaison'), ...errors('invalid_request', 'forbidden', 'not_found') },
        },
      },
      '/api/plan/versions': {
        get: { summary: 'Historique des versions du plan', responses: { 200: ok('versions') } },
        post: {
          summary: 'Publier une nouvelle version (administrateur)',
          requestBody: jsonBody('Plan'),
          responses: { 201: ok('publiée'), ...errors('invalid_request', 'forbidden', 'plan_version_exists') },
        },
      },
      '/api/plan/versions/{version}': {
        get: {
          summary: 'Une version du plan',
          parameters: [pathParam('version'), ...queryParameters(PlanQuery)],
          responses: { 200: ok('plan'), ...errors('not_found') },
        },
      },
      '/api/returns': {
        get: {
          summary: 'Retours (un ministère ne voit que les siens)',
          parameters: queryParameters(ListQuery),
          responses: {
            200: okJson('retours', {
              type: 'object',
              properties: { returns: { type: 'array', items: ref('ReturnSummary') } },
            }),
          },
        },
        post: {
          summary: 'Soumettre un retour en JSON (jeton ministère ; Idempotency-Key ou clientId)',
          parameters: [
            { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } },
          ],
          requestBody: jsonBody('ReturnDocument'),
          responses: {
            201: okJson('reçu', { type: 'object', properties: { receipt: ref('Receipt') } }),
            200: okJson('déjà reçu (rejeu)', { type: 'object', properties: { receipt: ref('Receipt') } }),
            ...errors(
              'bad_json',
              'invalid_request',
              'wrong_ministry',
              'activities_not_owned',
              'plan_version_outdated',
              'version_locked',
              'payload_too_large',
              'unsupported_media_type',
              'return_has_errors',
              'idempotency_key_reused',
              'too_many_refusals',
              'database_busy',
              'storage_full',
            ),
          },
        },
      },
      '/api/returns/upload': {
        post: {
          summary: 'Déposer le modèle rempli (.xlsx, corps brut ou multipart « file »)',
          requestBody: {
            required: true,
            content: {
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {},
              'multipart/form-data': {},
            },
          },
          responses: {
            201: okJson('reçu', { type: 'object', properties: { receipt: ref('Receipt') } }),
            ...errors(
              'bad_multipart',
              'unusable_file',
              'return_has_errors',
              'payload_too_large',
              'unsupported_media_type',
              'plan_version_outdated',
              'too_many_refusals',
              'database_busy',
              'storage_full',
            ),
          },
        },
      },
      '/api/returns/{ministry}/attempts': {
        get: {
          summary:
            'Envois refusés du ministère, le plus récent en premier, sans leurs constats (les 50 derniers sont gardés)',
          parameters: [pathParam('ministry')],
          responses: { 200: ok('envois refusés'), ...errors('wrong_ministry') },
        },
      },
      '/api/returns/{ministry}/attempts/{id}': {
        get: {
          summary: 'Un envoi refusé : motif (fr/en), comptes, et ses 200 premiers constats, erreurs d’abord',
          parameters: [pathParam('ministry'), pathParam('id')],
          responses: { 200: ok('envoi refusé'), ...errors('not_found', 'wrong_ministry') },
        },
      },
      '/api/returns/{ministry}/{version}': {
        get: {
          summary: "Une version d'un retour, ses constats et ses revues",
          parameters: [pathParam('ministry'), pathParam('version')],
          responses: { 200: ok('retour'), ...errors('not_found', 'wrong_ministry') },
        },
      },
      '/api/returns/{ministry}/{version}/file': {
        get: {
          summary: 'Le fichier déposé, tel que reçu',
          parameters: [pathParam('ministry'), pathParam('version')],
          responses: {
            200: ok('fichier', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
            ...errors('not_found'),
          },
        },
      },
      '/api/returns/{ministry}/{version}/review': {
        post: {
          summary: 'Accepter, renvoyer avec un commentaire, ou rouvrir (consolidateur)',
          parameters: [pathParam('ministry'), pathParam('version')],
          requestBody: jsonBody('Review'),
          responses: { 200: ok('revue'), ...errors('version_locked', 'review_not_allowed', 'forbidden') },
        },
      },
      '/api/returns/{ministry}/diff': {
        get: {
          summary: 'Écarts entre deux versions',
          parameters: [pathParam('ministry'), ...queryParameters(DiffQuery)],
          responses: { 200: ok('écarts'), ...errors('not_found') },
        },
      },
      '/api/status': {
        get: {
          summary:
            'Avancement par ministère, dont le dernier envoi refusé (lastAttempt) et l’état « refused »',
          responses: { 200: ok('état') },
        },
      },
      '/api/consolidated': {
        get: { summary: 'Consolidation (JSON)', responses: { 200: ok('consolidation') } },
      },
      '/api/consolidated/workbook.xlsx': {
        get: {
          summary: 'Le classeur consolidé',
          responses: {
            200: ok('classeur', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
          },
        },
      },
      '/api/tokens': {
        get: { summary: 'Jetons (administrateur)', responses: { 200: ok('jetons') } },
        post: {
          summary: 'Créer un jeton (administrateur)',
          requestBody: jsonBody('NewToken'),
          responses: { 201: ok('jeton, affiché une fois') },
        },
      },
      '/api/tokens/{id}/revoke': {
        post: {
          summary: 'Révoquer un jeton',
          parameters: [pathParam('id')],
          responses: { 200: ok('révoqué') },
        },
      },
      '/api/audit': {
        get: {
          summary: "Journal d'audit",
          parameters: queryParameters(AuditQuery),
          responses: { 200: ok('entrées') },
        },
      },
      ...executionPaths(),
    },
  };
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Every execution route works on `?plan=<planId>` when given, else the current plan. */
const planParam = { name: 'plan', in: 'query', required: false, schema: { type: 'string' } };
const SEND_REFUSALS = [
  'invalid_request',
  'wrong_ministry',
  'activities_not_owned',
  'not_found',
  'period_closed',
  'period_mismatch',
  'plan_version_outdated',
  'version_locked',
  'execution_key_reused',
  'return_has_errors',
  'too_many_refusals',
] as const;

/** The execution follow-up (server/routes/periods.ts, execution-returns.ts, annual-plan.ts, indicators.ts). */
function executionPaths() {
  const key = pathParam('key');
  return {
    '/api/periods': {
      get: {
        summary: 'Périodes de suivi de l’exécution, la plus récente d’abord',
        parameters: [planParam],
        responses: { 200: ok('périodes') },
      },
      post: {
        summary:
          'Ouvrir une période (« 2026 » ou « 2026-S1 ») avec une échéance (consolidateur, administrateur)',
        parameters: [planParam],
        requestBody: jsonBody('Period'),
        responses: {
          201: ok('ouverte'),
          ...errors('invalid_request', 'period_outside_plan', 'forbidden', 'period_exists'),
        },
      },
    },
    '/api/periods/{key}/close': {
      post: {
        summary: 'Clore une période',
        parameters: [key, planParam],
        responses: { 200: ok('close'), ...errors('not_found') },
      },
    },
    '/api/periods/{key}/template.xlsx': {
      get: {
        summary: 'Classeur « Exécution » de la période (ministère du jeton, ou ?ministry=)',
        parameters: [key, planParam, ...queryParameters(MinistryQuery)],
        responses: { 200: ok('classeur', XLSX_TYPE), ...errors('not_found') },
      },
    },
    '/api/periods/{key}/returns': {
      post: {
        summary: 'Envoyer un retour d’exécution en JSON (jeton ministère ; Idempotency-Key)',
        parameters: [
          key,
          planParam,
          { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } },
        ],
        requestBody: jsonBody('ExecutionDocument'),
        responses: {
          201: ok('reçu'),
          200: ok('déjà reçu (même clé, même contenu)'),
          ...errors('bad_json', ...SEND_REFUSALS),
        },
      },
    },
    '/api/periods/{key}/returns/upload': {
      post: {
        summary: 'Déposer le classeur « Exécution » rempli (.xlsx, multipart « file » ou corps brut)',
        parameters: [key, planParam],
        requestBody: { required: true, content: { [XLSX_TYPE]: {}, 'multipart/form-data': {} } },
        responses: {
          201: ok('reçu'),
          ...errors('bad_multipart', 'unusable_file', 'payload_too_large', ...SEND_REFUSALS),
        },
      },
    },
    '/api/periods/{key}/returns/mine': {
      get: {
        summary: 'Dernier retour d’exécution du ministère, son état et le commentaire',
        parameters: [key, planParam],
        responses: { 200: ok('dernier retour') },
      },
    },
    '/api/periods/{key}/returns/{ministry}/attempts': {
      get: {
        summary:
          'Envois refusés d’un retour d’exécution du ministère pour la période, le plus récent en premier, sans leurs constats (chacun en entier : /api/returns/{ministry}/attempts/{id})',
        parameters: [key, pathParam('ministry'), planParam],
        responses: { 200: ok('envois refusés'), ...errors('not_found', 'wrong_ministry') },
      },
    },
    '/api/periods/{key}/returns/{id}': {
      get: {
        summary: 'Un retour d’exécution : reçu, état, revues, document',
        parameters: [key, pathParam('id'), planParam],
        responses: { 200: ok('retour'), ...errors('not_found', 'wrong_ministry') },
      },
    },
    '/api/periods/{key}/returns/{id}/review': {
      post: {
        summary: 'Accepter, renvoyer (commentaire requis) ou rouvrir un retour d’exécution',
        parameters: [key, pathParam('id'), planParam],
        requestBody: jsonBody('ExecutionReview'),
        responses: { 200: ok('état'), ...errors('invalid_request', 'not_found', 'review_not_allowed') },
      },
    },
    '/api/periods/{key}/status': {
      get: {
        summary: 'Où en est chaque ministère pour la période',
        parameters: [key, planParam],
        responses: { 200: ok('états') },
      },
    },
    '/api/periods/{key}/consolidation': {
      get: {
        summary:
          'Taux d’exécution par activité, résultat, pilier, ministère et source ; tableau ministère × année',
        parameters: [key, planParam],
        responses: { 200: ok('consolidation') },
      },
    },
    '/api/periods/{key}/consolidated.xlsx': {
      get: {
        summary: 'Classeur de revue de l’exécution (une page imprimée par pilier)',
        parameters: [key, planParam],
        responses: { 200: ok('classeur', XLSX_TYPE) },
      },
    },
    '/api/annual-plan/{year}.xlsx': {
      get: {
        summary: 'Plan d’action annuel (une feuille par ministère ; un jeton ministère reçoit la sienne)',
        parameters: [pathParam('year'), planParam, ...queryParameters(MinistryQuery)],
        responses: { 200: ok('classeur', XLSX_TYPE), ...errors('period_outside_plan', 'not_found') },
      },
    },
    '/api/plan/indicators': {
      patch: {
        summary:
          'Références, cibles et unités des indicateurs : publie une nouvelle version du plan (administrateur)',
        parameters: [planParam],
        requestBody: jsonBody('Indicators'),
        responses: {
          200: ok('nouvelle version'),
          ...errors('invalid_request', 'forbidden', 'plan_version_exists'),
        },
      },
    },
  };
}
