declare module '*?raw' {
  const text: string;
  export default text;
}

/** Vite's glob import (the fixture folders, read as text at build time). */
interface ImportMeta {
  glob<T = unknown>(
    pattern: string,
    options: { query?: string; import?: string; eager: true },
  ): Record<string, T>;
}
