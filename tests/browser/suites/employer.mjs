// The employer (docs/ACCESS.md): lands on the list of the organisation's current workers, opens one
// in the reduced view (identity, documents, permits, current stay, its own employment), and
// nobody else's record.

import { organisationTests } from '../lib/organisation.mjs';
import { QUALITY } from '../lib/harness.mjs';

/** Checks that need pages or fixes not landed yet (the lead flips them). */
export const expectedToFailUntilLanded = [];

export const tests = organisationTests('employer', 'workers');
