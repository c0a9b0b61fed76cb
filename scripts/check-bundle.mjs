// `wrangler deploy --dry-run` bundles exactly what would ship; fail when the Worker grows past 1 MiB gzip.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT = 1024 * 1024;
const outdir = mkdtempSync(join(tmpdir(), 'specmock-bundle-'));
try {
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = readFileSync(join(outdir, 'index.js'));
  const gz = gzipSync(code).length;
  console.log(
    `worker bundle: ${(code.length / 1024).toFixed(0)} KiB, ${(gz / 1024).toFixed(0)} KiB gzip (limit ${LIMIT / 1024} KiB gzip)`,
  );
  if (gz > LIMIT) {
    console.error('bundle is over the limit');
    process.exit(1);
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
