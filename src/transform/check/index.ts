export { checkChange, checkLevel, checkShare, type CheckableFigure, type CheckResult, type CheckStatus, type Observation } from './check-figure.ts'
