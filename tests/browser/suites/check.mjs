export const expectedToFailUntilLanded = [];
export const tests = [];
