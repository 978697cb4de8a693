// The web extension host is a Worker: give the npm `assert` package the little of `process` it reads.
export const process = { env: {}, argv: [], version: '', versions: {}, platform: 'browser', nextTick: (fn, ...args) => Promise.resolve().then(() => fn(...args)), cwd: () => '/' };
