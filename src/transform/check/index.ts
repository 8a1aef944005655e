export { checkChange, checkLevel, checkRank, checkShare, type PartnerRanking, type CheckableFigure, type CheckResult, type CheckStatus, type Observation } from './check-figure.ts'
