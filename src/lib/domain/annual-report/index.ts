/** Annual reports (政府信息公开工作年度报告): their templates, 勾稽 rules as data, the checker, paste and text readers. */
export * from './schema';
export * from './template';
export { TEMPLATE_2021 } from './template-2021';
export { TEMPLATE_PRE2019 } from './template-pre2019';
export { formatForYear, TEMPLATES } from './format';
export * from './rules';
export * from './evaluate';
export { numberText, readCell, type CellText } from './numbers';
export * from './paste';
export * from './extract';
export * from './text';
export * from './findings';
export * from './apply';
export * from './check-sheet';
export * from './campaign-table';
export { mergeReport } from './merge';
