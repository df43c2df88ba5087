// The university (docs/ACCESS.md): lands on the list of its foreign students, opens one in the
// reduced view (identity, documents, permits, current stay, its own study), and nobody else's
// record.

import { organisationTests } from '../lib/organisation.mjs';
import { QUALITY } from '../lib/harness.mjs';

/** Checks that need pages or fixes not landed yet (the lead flips them). */
export const expectedToFailUntilLanded = [];

export const tests = organisationTests('university', 'students');
