/**
 * The framework spreadsheet ("indicator sheet"): what people edit in Excel/WPS and send around.
 *
 * Sheets (Chinese names on export; the English names in brackets are accepted on import):
 * - 指标 [indicators]: ONE ROW PER INDICATOR, columns in `INDICATOR_COLUMNS`.
 * - 一级指标 [sections]: one row per section (any depth): path, ID, part, English title, weight, cap, guidance.
 *   Optional: sections missing here are derived from the indicator rows' paths.
 * - 框架信息 [framework]: key/value rows (id, version, title, source, scoring rules).
 * - 评分等级 [grades] and 评估对象类别 [categories]: one row per grade band / target category. They are
 *   tables rather than key/value rows because each entry has several fields.
 * - 填写说明 [notes]: explanations only; ignored on import.
 *
 * Cell encodings (also explained in the notes sheet):
 * - Section path: segments `编号 名称` joined by " > ", from the top, e.g. `2 扣分指标 > 2.1 发布解读`.
 *   A section is identified by its code, so section codes must be unique; a segment may be written as
 *   the bare code when the section is named in another row.
 * - Bilingual text in one cell (deduction, level titles): `中文 | English`.
 * - Deduction rules (扣分规则), one per line (a "；" also separates rules typed on one line; a line that
 *   starts with "[id]" is split at "；" only where every piece has an id — otherwise, when both readings
 *   work, it is reported as ambiguous):
 *   `[id] 标题 | English：每处 1 分（待核：说明）`. `[id]` and the English title are optional (ids are then
 *   generated). Amount: `每处 N 分` / `每项加 N 分` = per occurrence, `扣 N 分` / `加 N 分` = once;
 *   English `each N` / `once N` is accepted. Suffix `（待核）`, `（待核：说明）`, `（不待核[：说明]）` or
 *   `（备注：说明）` carries the provisional flag and note.
 * - Levels (等级), one per line or "；"-separated: `[id] 完整 | Complete=1`.
 * - 适用类别: category titles separated by "、"; empty = every category; `（无）` = none; `[id]` names a
 *   category by id (written when its title is shared or unsafe). Converted to and from each category's
 *   `naIndicators` (kept in framework order).
 * - 不适用指标组: section codes separated by "、" (`[id]` for an id, e.g. an indicator's).
 * - 待核 (provisional): empty = unset, `是` / `否`, optionally followed by `：说明`.
 * - Lists (责任单位, 不适用指标组): separated by "、" (also "，" "," "；" ";" or new lines on import).
 *
 * Import never returns a partial framework: either every check passes (sheet rules, then the zod schema and
 * `checkFramework`) or it returns problems, each pointing at a sheet, row (1-based as Excel shows it) and
 * column (the header as written) with an i18n key under `sheet.error.*` (or `fwcheck.*` for the framework
 * checks this module does not repeat itself).
 */
export type { Cell, Row, Sheet, Sheets, SheetImportOptions, SheetImportResult, SheetProblem } from './types';
export { INDICATOR_COLUMNS, SHEET_NAMES } from './columns';
export { frameworkToSheets } from './export';
export { sheetsToFramework } from './import';
export { templateFramework, templateSheets } from './template';
