/**
 * The template's public face within the core: build the template's WorkbookSpec from the plan and
 * read its metadata back. What a WorkbookSpec is and how renderers read one is ../workbook-spec.
 */
export { buildTemplateSpec, type TemplateOptions, templateActivities, templateMinistries } from './build.ts';
export { CHECK_ORDER } from './checks-sheet.ts';
export { readTemplateMeta, templateMetaRows } from './meta.ts';
export { HEADER_FOOTER_MAX, headerFooterCode, headerFooterSection } from './print.ts';
export { SUMMARY_HEADER_ROW } from './summary-sheet.ts';
export { type CheckKey, TEMPLATE_WORDING, templateWording } from './wording.ts';
