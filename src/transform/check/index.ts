export {
  checkChange, checkComparison, checkLevel, checkRank, checkShare, comparisonRange, type ComparisonData, type ComparisonSides, type PartnerRanking, type CheckableFigure,
  type CheckResult, type CheckStatus, type Observation,
} from './check-figure.ts'
