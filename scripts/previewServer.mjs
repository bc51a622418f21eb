// Builds the studio into `outDir` (unless `skipBuild`) and serves it with `vite preview` on `port` (cross-origin
// isolated, as preview always is); resolves once it answers. Returns `stop`, also run when the process exits.
import { spawn, spawnSync } from 'node:child_process';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Builds and serves the studio; exits the process when the build fails. */
export async function buildAndServe({ outDir, port, skipBuild = false }) {
  if (!skipBuild && spawnSync(npx, ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit' }).status !== 0) process.exit(1);
  // Its own process group, so stopping it also stops vite (npx would otherwise leave the server running).
  const server = spawn(npx, ['vite', 'preview', '--outDir', outDir, '--strictPort', '--port', String(port)], { stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stop);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return stop;
}
