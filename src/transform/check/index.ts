export { checkChange, checkLevel, checkShare, toleranceOf, type CheckableFigure, type CheckResult, type CheckStatus, type Observation } from './check-figure.ts'
