import { execFileSync } from 'node:child_process';

/** True when Debian's python3 imports every module named (a pyenv python3 earlier on PATH may lack them). */
export function pythonHas(...modules: string[]): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
