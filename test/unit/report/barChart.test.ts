/** The grouped bar chart of counts and times: nothing is drawn below zero. */
import { describe, expect, it } from 'vitest';
import { barChart } from '../../../src/report/svg/barChart.js';
import { HEIGHT, MARGIN } from '../../../src/report/svg/chartFrame.js';

describe('barChart', () => {
  it('clips a 95% interval that reaches below zero at the axis', () => {
    // 3 seeds lost 0, 0 and 3 messages: mean 1, interval 1 ± 4.3, so the low end is -3.3.
    const svg = barChart({
      id: 'lost',
      title: 'lost',
      xLabel: 'fault',
      yLabel: 'messages',
      groups: ['process crash'],
      series: [{ label: 'a', bars: [{ value: 1, low: -3.3, high: 5.3, text: '1 ±4.3' }] }],
      format: String,
    });
    const whisker = /<line class="whisker" x1="[^"]*" x2="[^"]*" y1="([^"]*)" y2="([^"]*)"\/>/.exec(svg);
    expect(whisker).not.toBeNull();
    const axis = HEIGHT - MARGIN.bottom;
    expect(Math.max(Number(whisker![1]), Number(whisker![2]))).toBe(axis);
  });
});
