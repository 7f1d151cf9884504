import * as assert from 'node:assert/strict';
import { settleOnce } from '../../../src/ui/settleOnce';

describe('settleOnce', () => {
  it('takes the first answer only and disposes of what it owns once, after answering', async () => {
    const events: string[] = [];
    const owned = (name: string) => ({ dispose: () => events.push(`dispose ${name}`) });
    let answer!: Promise<string | undefined>;
    const finish = await new Promise<(v: string | undefined) => void>((ready) => {
      answer = new Promise((resolve) => ready(settleOnce<string | undefined>((v) => (events.push(`answer ${v}`), resolve(v)), owned('search'), owned('box'))));
    });
    finish('ada');
    finish(undefined); // the hide that accepting causes
    assert.equal(await answer, 'ada');
    assert.deepEqual(events, ['answer ada', 'dispose search', 'dispose box']);
  });
});
