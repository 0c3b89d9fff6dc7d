import { ServiceCategory } from '@mkt/reference';
import { CATEGORY_SEARCH_TERMS } from './1764201609300-offer-search-terms';

describe('search terms per service category', () => {
  it('covers every category, each with its own name among its terms', () => {
    expect(Object.keys(CATEGORY_SEARCH_TERMS).sort()).toEqual(Object.values(ServiceCategory).sort());
    for (const [category, terms] of Object.entries(CATEGORY_SEARCH_TERMS)) {
      const words = new Set(terms.split(/\s+/));
      const own = category
        .toLowerCase()
        .split('_')
        .filter((w) => !['and', 'services', 'significant', 'others'].includes(w));
      expect(own.filter((w) => !words.has(w))).toEqual([]);
    }
  });

  it('finds the synonyms people search for', () => {
    expect(CATEGORY_SEARCH_TERMS.ACCOMMODATION).toMatch(/\bhousing\b.*\bhomeless\b/);
    expect(CATEGORY_SEARCH_TERMS.EDUCATION_TRAINING_AND_EMPLOYMENT).toMatch(/\bjobs\b.*\bwork\b/);
    expect(CATEGORY_SEARCH_TERMS.DEPENDENCY_AND_RECOVERY).toMatch(/\bdrugs\b.*\bsubstance\b.*\balcohol\b/);
  });
});
