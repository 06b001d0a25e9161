/**
 * Kaiming's stable domain API: the shapes that are stored and exchanged, and the calculations every screen,
 * report and export is built on. Everything here is pure TypeScript (no browser, storage or Svelte) and keeps
 * its name and meaning across versions; docs/ARCHITECTURE.md lists it.
 *
 * Each feature folder (`scoring/`, `framework/`, `rectification/`, `rounds/`, `results/`, `backup/`) has an
 * index of its own with the rest of its public functions. Code outside domain/ imports a feature through that
 * index (eslint checks it), with two exceptions that keep the home page small, because the bundler does not
 * drop a barrel's unused modules: a feature's `schema.ts` (the stored shapes) may be imported alone, and the
 * Excel/CSV indicator sheet (`framework/sheet`) is a feature of its own. Inside domain/, modules import the
 * exact file they use, for the same reason.
 */

// Stored and exchanged shapes: one zod schema each, types inferred from it.
export { Framework, Section, Indicator, Deduction, Level, TargetCategory, GradeBand, ScoringRules, listIndicators } from './framework/schema';
export { Campaign, ReportSettings } from './campaign';
export { Target } from './target';
export { Finding, Outcome } from './finding';
export { Evidence } from './evidence';
export { Rectification, RectificationStatus } from './rectification/schema';
export { Settings } from './settings';

// Scoring: one target, a whole campaign, and what fixing one problem would change.
export { scoreTarget, scoreCampaign, type TargetScore, type SectionScore, type TraceStep } from './scoring/score';
export { whatIf, type Impact } from './scoring/what-if';

// Problems and rectification: every shortfall of a target, and the 整改清单 generated from them.
export { targetProblems } from './rectification/problems';
export { syncRectifications } from './rectification/generate';
export { problemsByIndicator } from './results/problems';

// Framework files: JSON (lossless) and the Excel/CSV indicator sheet.
export { frameworkToJson, parseFrameworkJson } from './framework/json';
export { checkFramework } from './framework/check';
export { frameworkToSheets, sheetsToFramework } from './framework/sheet';

// Time and ids are injected.
export { systemClock, fixedClock, randomId, type Clock, type NewId } from './clock';
