import { spawnSync } from 'node:child_process';

/**
 * Test support (excluded from the build). Media specs need Debian's ffmpeg/ffprobe. A newcomer's
 * machine may not have them, so the specs skip there; CI (CI=true) installs them and must run the specs, so there they never skip.
 */
export function describeWithFfmpeg(): jest.Describe {
  const available = ['ffmpeg', 'ffprobe'].every((bin) => spawnSync(bin, ['-version'], { stdio: 'ignore' }).status === 0);
  if (available || process.env.CI) return describe;
  console.warn('ffmpeg/ffprobe not found: media specs skipped (apt-get install ffmpeg to run them)');
  return describe.skip;
}
