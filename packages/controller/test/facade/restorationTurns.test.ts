import { describe, expect, it } from 'vitest';
import { RestorationTurns } from '../../src/facade/RestorationTurns';

describe('restoration turns', () => {
  it('hands turns out one at a time, highest rank first among those waiting together, arrival order within a rank', async () => {
    const turns = new RestorationTurns();
    const order: string[] = [];
    let holding = 0;
    let most = 0;
    const line = async (name: string, rank: number) => {
      const giveBack = await turns.take(rank);
      holding++;
      most = Math.max(most, holding);
      order.push(name);
      await new Promise((r) => setImmediate(r));
      holding--;
      giveBack();
      giveBack(); // giving back twice is harmless
    };
    await Promise.all([line('2A-a', 2), line('5A', 5), line('3A', 3), line('2A-b', 2), line('4A', 4)]);
    expect(order).toEqual(['5A', '4A', '3A', '2A-a', '2A-b']);
    expect(most).toBe(1);
  });
});
