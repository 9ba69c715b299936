// The ranges an official may set a programme's numbers to. Each programme's paramsSchema uses
// these, and the settings form's messages name the same numbers in both languages
// (tests/unit/setting-limits.test.ts holds them together): change a limit here and the test
// says which sentences to change.
/** A money amount in whole yuan: 0 to this. */
export const YUAN_MAX = 1_000_000;
/** Years of a fee waiver. */
export const YEARS_MIN = 1;
export const YEARS_MAX = 10;
/** Tonnes of one material per household: more than 0, at most this. */
export const TONNES_MAX = 1000;
