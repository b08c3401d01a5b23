import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { engineNice, niced } from '../../../scripts/runtime/priority.js';

describe('engine priority', () => {
  it('reads ENGINE_NICE once, 10 unless set, and refuses what is not a niceness', () => {
    assert.equal(engineNice({}), 10);
    assert.equal(engineNice({ ENGINE_NICE: '0' }), 0);
    assert.equal(engineNice({ ENGINE_NICE: '19' }), 19);
    for (const bad of ['-1', '20', '5.5', 'low']) assert.throws(() => engineNice({ ENGINE_NICE: bad }), /ENGINE_NICE must be an integer from 0 to 19/);
  });

  it('runs a command, and every thread it starts, at that niceness', { skip: !fs.existsSync('/proc/self/stat') && 'needs /proc' }, () => {
    // Field 19 of /proc/<pid>/stat is the niceness; the shell reads its own.
    const [command, args] = niced(7, 'sh', ['-c', 'cut -d" " -f19 /proc/$$/stat']);
    const out = spawnSync(command, args, { encoding: 'utf8' });
    assert.equal(out.stdout.trim(), String(Number(fs.readFileSync('/proc/self/stat', 'utf8').split(' ')[18]) + 7));
    assert.deepEqual(niced(0, 'sh', ['-c', 'true']), ['sh', ['-c', 'true']]);
  });
});
