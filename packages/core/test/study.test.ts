import { STANDARD_VIEWS } from '@bcd-api/contract';
import { describe, expect, test } from 'vitest';
import { combineStudy } from '../src/study.js';

// The seed's risk table, as the default model's card holds it.
const card = {
  decisionThreshold: 0.5,
  riskLevels: [
    { level: 'Very High Risk', icon: '🔴', color: '#ff0000', min: 0.9, minInclusive: true, max: 1, maxInclusive: true },
    { level: 'High Risk', icon: '🟠', color: '#ff8000', min: 0.75, minInclusive: true, max: 0.9, maxInclusive: false },
    { level: 'Moderate-High Risk', icon: '🟡', color: '#ffcc00', min: 0.6, minInclusive: true, max: 0.75, maxInclusive: false },
    { level: 'Moderate Risk', icon: '🟡', color: '#ffe066', min: 0.4, minInclusive: false, max: 0.6, maxInclusive: false },
    { level: 'Low-Moderate Risk', icon: '🟢', color: '#99cc33', min: 0.25, minInclusive: false, max: 0.4, maxInclusive: true },
    { level: 'Low Risk', icon: '🟢', color: '#33cc33', min: 0.1, minInclusive: false, max: 0.25, maxInclusive: true },
    { level: 'Very Low Risk', icon: '🟢', color: '#00aa00', min: 0, minInclusive: true, max: 0.1, maxInclusive: true },
  ],
} as const;

describe('combineStudy', () => {
  test('a breast takes the maximum of its views, the study the maximum of its breasts', () => {
    const result = combineStudy(
      [
        { laterality: 'L', view: 'CC', malignantProbability: 0.2 },
        { laterality: 'L', view: 'MLO', malignantProbability: 0.81 },
        { laterality: 'R', view: 'CC', malignantProbability: 0.05 },
        { laterality: 'R', view: 'MLO', malignantProbability: 0.3 },
      ],
      card as never,
    );
    expect(result.left).toMatchObject({ images: 2, views: ['CC', 'MLO'], label: 'Malignant', malignantProbability: 0.81 });
    expect(result.left?.risk.level).toBe('High Risk');
    expect(result.right).toMatchObject({ images: 2, label: 'Benign', malignantProbability: 0.3 });
    expect(result.right?.risk.level).toBe('Low-Moderate Risk');
    expect(result.study).toMatchObject({ images: 4, label: 'Malignant', malignantProbability: 0.81 });
    expect(result.study?.percentages).toEqual({ benign: 19, malignant: 81 });
    expect(result.missingViews).toEqual([]);
  });

  test('reports missing views and a breast with no image as null', () => {
    const result = combineStudy([{ laterality: 'R', view: 'mlo', malignantProbability: 0.5 }], card as never);
    expect(result.left).toBeNull();
    expect(result.missingViews).toEqual(STANDARD_VIEWS.filter((v) => v !== 'R-MLO'));
    expect(result.study?.label).toBe('Malignant');
  });

  test('an image without a view counts for its breast but provides no standard view', () => {
    const result = combineStudy([{ laterality: 'L', malignantProbability: 0.1 }], card as never);
    expect(result.left).toMatchObject({ images: 1, views: [] });
    expect(result.missingViews).toEqual([...STANDARD_VIEWS]);
  });

  test('no image, no result', () => {
    expect(combineStudy([], card as never)).toEqual({ left: null, right: null, study: null, missingViews: [...STANDARD_VIEWS] });
  });
});
