// Builds the storefront (web/) into web/dist for the gateway to serve, unless nothing it is built
// from changed: a hash of web/'s sources and the lock file, kept in web/dist/.source-hash, decides.
// Each built text file gets a Brotli and a gzip twin, which the gateway sends to browsers that take them.
//   node scripts/run/build-storefront.ts [--force]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const webDir = path.join(repoRoot, 'web');
const distDir = path.join(webDir, 'dist');
const hashFile = path.join(distDir, '.source-hash');
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' || entry.name === 'node_modules' || entry.name === 'test' ? [] : filesUnder(full);
    return [full];
  });
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(webDir), path.join(repoRoot, 'package-lock.json')].sort()) {
    hash.update(path.relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function precompress(dir: string): void {
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const content = readFileSync(file);
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
    );
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  }
}

const wanted = sourceHash();
const built = existsSync(hashFile) ? readFileSync(hashFile, 'utf8').trim() : '';
if (built === wanted && !process.argv.includes('--force')) {
  console.log('storefront: web/dist is up to date (sources unchanged)');
} else {
  const started = performance.now();
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: webDir,
    stdio: 'inherit',
  });
  precompress(distDir);
  writeFileSync(hashFile, `${wanted}\n`);
  const js = readdirSync(path.join(distDir, 'assets'))
    .filter((file) => file.endsWith('.js.br'))
    .reduce((sum, file) => sum + statSync(path.join(distDir, 'assets', file)).size, 0);
  console.log(
    `storefront: built web/dist in ${((performance.now() - started) / 1000).toFixed(1)} s (${(js / 1024).toFixed(1)} KiB of JavaScript, Brotli)`,
  );
}
