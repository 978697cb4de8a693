declare module '*.txt' {
  const content: string;
  export default content;
}

/** The extension host the integration bundle was built for: "web" (web worker, `browser` entry) or "node" (`main`). */
declare const TEST_HOST: 'web' | 'node';
