// Types of prism-cli.mjs for the TypeScript scripts that share it (npm run clients).
export declare const PRISM_DIR: string;
export declare const PRISM_ENTRY: string;
export declare function installPrism(log: (message: string) => void): Promise<string>;
export declare function startPrism(
  entry: string,
  spec: string,
  probePath: string,
  options?: { dynamic?: boolean; limitMs?: number },
): Promise<{ url: string; startMs: number; stop(): Promise<void> }>;
