/**
 * An uploaded .xlsx return (the filled template, or a sheet in the plan document's layout) turned
 * into the same incoming return as a JSON submission: the file is opened safely and read by the
 * file validation shared with `pac validate`; an unusable file is refused with its reason (422),
 * a file made on an older plan version is answered 409 with what changed; the file itself is kept
 * with the version so that nothing sent is ever lost.
 */
import type { Context } from 'hono';
import type { Config } from '../config.ts';
import { readBytes, readFormFile, requireContentType } from '../http/body.ts';
import type { AppEnv, Caller } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import type { LoadedPlan, PlanCache } from '../plan/plan-cache.ts';
import { problemMessage } from '../xlsx/file-problems.ts';
import { noteSending } from './attempts.ts';
import type { ReturnChecker } from './check-threads.ts';
import { clientKeyOf, type IncomingReturn, outdatedPlanError } from './submit.ts';
import { planningResultOf } from './validate-file.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file's name as the client gave it (X-File-Name is percent-encoded); a bad encoding is kept as sent. */
function headerFileName(value: string | undefined): string | null {
  if (!value) return null;
  let name = value;
  try {
    name = decodeURIComponent(value);
  } catch {
    // "%E9" and the like: the name is only a label, keep it as it came.
  }
  return name.slice(0, 200) || null;
}

/** The uploaded file and its name: multipart field `file`, or the .xlsx body itself (X-File-Name). */
export async function fileOf(c: Context<AppEnv>): Promise<{ bytes: Uint8Array; name: string | null }> {
  const type = requireContentType(c, [XLSX, 'application/octet-stream', 'multipart/form-data']);
  if (type !== 'multipart/form-data') {
    const name = headerFileName(c.req.header('x-file-name'));
    noteSending(c, { fileName: name });
    return { bytes: await readBytes(c), name };
  }
  const file = await readFormFile(c, 'file');
  if (!file) {
    throw new ApiError(
      'invalid_request',
      {},
      {
        issues: [
          { path: 'file', message: 'champ « file » manquant / missing "file" field', code: 'invalid_type' },
        ],
      },
    );
  }
  const name = file.name.slice(0, 200) || null;
  noteSending(c, { fileName: name });
  return { bytes: new Uint8Array(await file.arrayBuffer()), name };
}

/** The uploaded file's return, read against `current`: the plan the request is for. */
export async function uploadedReturn(
  c: Context<AppEnv>,
  plans: PlanCache,
  current: LoadedPlan,
  caller: Caller,
  config: Config,
  checker: ReturnChecker,
): Promise<IncomingReturn> {
  const { bytes, name } = await fileOf(c);
  const ministry = caller.token.ministry;
  // Unzipped and read on a checking thread (../returns/check-threads.ts): a large workbook is
  // hundreds of milliseconds of work that would otherwise hold every other request back.
  const result = planningResultOf(
    await checker.checkWorkbook(bytes, current, {
      ministry,
      limits: { maxFileBytes: config.maxUploadBytes },
    }),
  );
  if (result.meta) noteSending(c, { planId: result.meta.planId, planVersion: result.meta.planVersion });
  if (result.kind === 'unusable') {
    if (result.problem.code === 'plan_version' && result.meta) {
      // The same answer as a JSON return made on an older plan: 409 with what changed.
      throw await outdatedPlanError(
        plans,
        current,
        result.meta.planVersion,
        ministry ?? result.meta.ministry ?? '',
      );
    }
    throw new ApiError(
      'unusable_file',
      { reason: { fr: problemMessage(result.problem, 'fr'), en: problemMessage(result.problem, 'en') } },
      { problem: result.problem },
    );
  }
  if (ministry && result.meta?.ministry && result.meta.ministry !== ministry) {
    throw new ApiError('wrong_ministry', { own: ministry, ministry: result.meta.ministry });
  }
  return {
    ministry: ministry ?? result.ministry ?? '',
    planId: result.meta?.planId ?? current.row.planId,
    planVersion: result.meta?.planVersion ?? current.row.version,
    parsed: result.parsed,
    readingFindings: result.readingFindings,
    payload: result.payload,
    source: 'xlsx',
    fileName: name,
    file: bytes,
    clientKey: clientKeyOf(c.req.header('idempotency-key')),
  };
}
