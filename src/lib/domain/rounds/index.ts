/** 复核轮次: starting round N+1 and comparing problems and scores across a campaign's rounds. */
export * from './compare';
export * from './problems';
export * from './start';
export { assertChain, type RoundInfo, type RoundInput, type ScorePoint } from './history';
