import { Severity } from '../finding';
import { defineCodes } from './types';

/** SW9xx: validation itself: a rule that could not run. */
export const INTERNAL_CODES = defineCodes({
  SW901: {
    title: 'A rule of your own failed',
    severity: Severity.WARNING,
    meaning: 'A validation rule given in `rules` threw an error (or returned something other than a list of findings), so it was skipped; the other rules ran.',
    fix: 'Fix the rule named in the message; its error is in the message.',
  },
});
