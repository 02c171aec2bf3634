/**
 * The templates PAC ships in templates/xlsx/: the whole plan and one per ministry responsible for
 * at least one activity, in French. Their generation time is fixed and derived from the plan (the
 * first day of its first year), so that rebuilding from the same plan gives the same cells and a
 * checked-in file only changes when the plan or the template does.
 */
import { fileURLToPath } from 'node:url';
import { type PlanIndex, type TemplateOptions, templateMinistries } from '#core';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/xlsx', import.meta.url));

export interface ShippedTemplate {
  /** File name inside TEMPLATES_DIR. */
  file: string;
  options: TemplateOptions;
}

export function shippedGeneratedAt(index: PlanIndex): string {
  return `${index.years[0] ?? 2000}-01-01T00:00:00Z`;
}

export function shippedTemplates(index: PlanIndex): ShippedTemplate[] {
  const generatedAt = shippedGeneratedAt(index);
  return [
    { file: 'pac-modele-complet.xlsx', options: { ministry: null, lang: 'fr', generatedAt } },
    ...templateMinistries(index).map((ministry) => ({
      file: `pac-modele-${ministry}.xlsx`,
      options: { ministry, lang: 'fr' as const, generatedAt },
    })),
  ];
}
