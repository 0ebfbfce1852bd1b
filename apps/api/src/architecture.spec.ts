import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Architecture rule 13, as CI enforces it: the lint configuration (eslint.config.mjs) refuses an
 * import that runs the wrong way between API layers and an import circle. These cases prove the
 * rules fire; `npm run lint` proves the tree has none.
 */
const repoRoot = path.resolve(__dirname, '../../..');
const src = path.join(repoRoot, 'apps/api/src');
const eslintBin = path.join(repoRoot, 'node_modules/eslint/bin/eslint.js');

/** ESLint's messages for `code` linted as if it were `filePath` (a child process: the config is ESM). */
async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const run = spawnSync(process.execPath, [eslintBin, '--format', 'json', '--stdin', '--stdin-filename', filePath], { cwd: repoRoot, input: code, encoding: 'utf8' });
  if (!run.stdout) throw new Error(`eslint did not run: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('API import direction and cycles', () => {
  jest.setTimeout(60_000);

  it('refuses a domain importing a domain above it', async () => {
    const messages = await ruleIds(path.join(src, 'modules/users/zz-wrong-way.ts'), "import { CoursesService } from '../courses/courses.service';\nexport const x = CoursesService;\n");
    expect(messages.join('\n')).toMatch(/no-restricted-paths.*"users" may import only the kernel/);
  });

  it('accepts a domain importing one below it and the kernel', async () => {
    const messages = await ruleIds(
      path.join(src, 'modules/courses/zz-right-way.ts'),
      "import { User } from '../users/user.entity';\nimport { AppException } from '../../common/app-exception';\nexport const x = [User, AppException];\n",
    );
    expect(messages).toEqual([]);
  });

  it('refuses the kernel importing a domain or the composition root', async () => {
    const messages = await ruleIds(
      path.join(src, 'common/zz-kernel.ts'),
      "import { User } from '../modules/users/user.entity';\nimport { entities } from '../entities';\nexport const x = [User, entities];\n",
    );
    expect(messages.filter((m) => m.includes('The kernel')).length).toBe(2);
  });

  it('refuses an import circle', async () => {
    const dir = fs.mkdtempSync(path.join(src, 'modules/courses/zz-cycle-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
      const messages = await ruleIds(path.join(dir, 'a.ts'), fs.readFileSync(path.join(dir, 'a.ts'), 'utf8'));
      expect(messages.join('\n')).toMatch(/import-x\/no-cycle/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
