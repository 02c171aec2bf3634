/**
 * The pane shared by the Excel task pane and the Google Sheets sidebar: what it needs from its
 * host (ports), the service client, the update and submission rules, its wording, markup,
 * controller; the DOM wiring that draws it is addin/pane-ui/view.ts, outside the core.
 */
export * from './api.ts';
export * from './availability.ts';
export * from './controller.ts';
export * from './execution-api.ts';
export * from './execution-flow.ts';
export * from './execution-markup.ts';
export * from './execution-wording.ts';
export * from './group-wording.ts';
export * from './legacy-import.ts';
export * from './markup.ts';
export * from './plan-choice.ts';
export * from './ports.ts';
export * from './submission.ts';
export * from './wording.ts';
export * from './workbook-update.ts';
