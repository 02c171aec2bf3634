/**
 * Reading a filled workbook the same way in every host: the template reader, the evaluator of the
 * template's formulas, and the one-click fixes a pane offers for cells the sheet does not count.
 */
export { ERROR_VALUES, type Evaluated, errorValueOf, evaluatedOf, WorkbookEvaluator } from './evaluate.ts';
export { type NumberFix, numberFixes } from './number-fixes.ts';
export {
  readTemplate,
  type TemplateContent,
  type TemplateReading,
  templateSheetNames,
} from './read-template.ts';
