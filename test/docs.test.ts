// The guides in docs/ follow one outline (issue 11): the concept under its English and Chinese textbook names, the
// formula as rendered math, units and conventions, assumptions and when not to use it, a runnable example and
// references. This test reads each guide and fails when a part is missing; the examples themselves are run by
// test/doctest.test.ts. The term table is derived from /work/shared/SEED-TERMS.md (the textbook's 中英对照 list),
// restricted to what each area implements.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Term {
  /** The textbook's Chinese name. */
  zh: string;
  /** The English name (or the distinctive part of it), matched case-insensitively. */
  en: string;
}

const GUIDE_TERMS: Record<string, readonly Term[]> = {
  'data.md': [{ zh: '数据库营销', en: 'database marketing' }],
  'rfm.md': [
    { zh: 'RFM模型', en: 'RFM' },
    { zh: '最近一次消费', en: 'recency' },
    { zh: '消费频率', en: 'frequency' },
    { zh: '消费金额', en: 'monetary' },
    { zh: '客户细分', en: 'customer segmentation' },
  ],
  'clv-retention.md': [
    { zh: '客户终身价值', en: 'customer lifetime value' },
    { zh: '客户价值', en: 'customer value' },
    { zh: '已实现价值', en: 'realized value' },
    { zh: '潜在价值', en: 'potential value' },
    { zh: '客户资产', en: 'customer equity' },
    { zh: '贴现率', en: 'discount rate' },
    { zh: '客户保持率', en: 'retention rate' },
    { zh: '客户流失率', en: 'churn rate' },
    { zh: '客户推荐价值', en: 'referral value' },
    { zh: '口碑', en: 'word of mouth' },
    { zh: '客户关系获利能力和现金流', en: 'relationship profitability and cash flow' },
  ],
  'clv-models.md': [
    { zh: '客户终身价值', en: 'customer lifetime value' },
    { zh: '贴现率', en: 'discount rate' },
    { zh: '客户忠诚', en: 'customer loyalty' },
  ],
  'clv-contractual.md': [
    { zh: '客户终身价值', en: 'customer lifetime value' },
    { zh: '客户保持率', en: 'retention rate' },
    { zh: '客户流失率', en: 'churn rate' },
    { zh: '贴现率', en: 'discount rate' },
  ],
  'value.md': [
    { zh: '顾客让渡价值', en: 'customer-delivered value' },
    { zh: '总顾客价值', en: 'total customer value' },
    { zh: '总顾客成本', en: 'total customer cost' },
    { zh: '产品价值', en: 'product value' },
    { zh: '服务价值', en: 'service value' },
    { zh: '人员价值', en: 'personnel value' },
    { zh: '形象价值', en: 'image value' },
    { zh: '货币成本', en: 'monetary cost' },
    { zh: '时间成本', en: 'time cost' },
    { zh: '精力成本', en: 'energy' },
    { zh: '体力成本', en: 'physical cost' },
  ],
  'pareto.md': [
    { zh: '二八法则', en: '80/20' },
    { zh: 'ABC分类法', en: 'ABC classification' },
    { zh: '客户金字塔', en: 'customer pyramid' },
    { zh: '客户细分', en: 'segmentation' },
  ],
  'satisfaction.md': [
    { zh: '顾客满意度', en: 'customer satisfaction' },
    { zh: '感知值', en: 'perceived' },
    { zh: '期望值', en: 'expected' },
    { zh: '顾客满意度指数', en: 'customer satisfaction index' },
    { zh: '客户满意陷阱', en: 'satisfaction trap' },
    { zh: '客户忠诚', en: 'customer loyalty' },
    { zh: '客户信任', en: 'trust' },
  ],
  'lifecycle.md': [
    { zh: '客户生命周期', en: 'customer lifecycle' },
    { zh: '考察期', en: 'exploration' },
    { zh: '形成期', en: 'formation' },
    { zh: '稳定期', en: 'stability' },
    { zh: '衰退期', en: 'decline' },
    { zh: '客户保持率', en: 'retention' },
    { zh: '客户流失率', en: 'churn' },
    { zh: '销售漏斗', en: 'sales funnel' },
  ],
};

const read = (path: string): string => readFileSync(new URL(`../docs/${path}`, import.meta.url), 'utf8');

/** Chinese text is matched without whitespace (a guide may write `ABC 分类法`), English case-insensitively with any
 * run of whitespace (line breaks included) as one space. */
const zhText = (text: string): string => text.replace(/\s+/g, '');
const enText = (text: string): string => text.replace(/\s+/g, ' ').toLowerCase();
const hasZh = (text: string, term: Term): boolean => zhText(text).includes(zhText(term.zh));
const hasEn = (text: string, term: Term): boolean => enText(text).includes(enText(term.en));

/** Display math GitHub renders: a ```math block or a $$ … $$ block. */
const DISPLAY_MATH = /^```math\n[\s\S]*?\S[\s\S]*?^```|\$\$[\s\S]+?\$\$/m;
/** A ```ts block with at least one checked result, which test/doctest.test.ts runs. */
const RUNNABLE_TS = /^```ts\n(?:(?!^```)[\s\S])*?\/\/\s*(?:=>|throws\s+[A-Z_]+)[\s\S]*?^```/m;
const UNITS_HEADING = /^#{2,3} .*\b(?:units|conventions)\b/im;
const ASSUMPTIONS_HEADING = /^#{2,3} .*\b(?:assumptions|when not to use)\b/im;
const REFERENCES_HEADING = /^#{2,3} (?:references|citations|sources)\b/im;
const HAN = /\p{Script=Han}/u;

describe('the guide checks themselves', () => {
  it('every term has Chinese characters and an English name', () => {
    for (const terms of Object.values(GUIDE_TERMS)) {
      for (const term of terms) {
        expect(HAN.test(term.zh), term.zh).toBe(true);
        expect(term.en.trim().length, term.zh).toBeGreaterThan(0);
      }
    }
  });

  it('the patterns reject a guide without the parts', () => {
    const bare = '# Title\n\nSome text with $x$ and `$y$`.\n\n```ts\nconst a = 1;\n```\n\n## Notes\n';
    expect(DISPLAY_MATH.test(bare)).toBe(false);
    expect(RUNNABLE_TS.test(bare)).toBe(false);
    expect(UNITS_HEADING.test(bare)).toBe(false);
    expect(ASSUMPTIONS_HEADING.test(bare)).toBe(false);
    expect(REFERENCES_HEADING.test(bare)).toBe(false);
    // A checked line outside a ts block (here in a sh block) does not count as a runnable example.
    expect(RUNNABLE_TS.test('```ts\nconst a = 1;\n```\n\n```sh\necho 1 // => 1\n```\n')).toBe(false);
    const full =
      '## Units and conventions\n## Assumptions and when not to use it\n```math\nC = b/a\n```\n' +
      "```ts\nimport { gini } from 'crm-analytics/pareto';\ngini([1, 1]); // => 0\n```\n## References\n";
    expect(DISPLAY_MATH.test(full)).toBe(true);
    expect(RUNNABLE_TS.test(full)).toBe(true);
    expect(UNITS_HEADING.test(full)).toBe(true);
    expect(ASSUMPTIONS_HEADING.test(full)).toBe(true);
    expect(REFERENCES_HEADING.test(full)).toBe(true);
  });

  it('matches Chinese terms across spaces and English terms across line breaks', () => {
    expect(hasZh('ABC 分类法', { zh: 'ABC分类法', en: 'x' })).toBe(true);
    expect(hasEn('customer\n  lifetime Value', { zh: '客户', en: 'customer lifetime value' })).toBe(true);
    expect(hasZh('客户价值', { zh: '客户终身价值', en: 'x' })).toBe(false);
  });
});

describe.each(Object.entries(GUIDE_TERMS))('docs/%s', (file, terms) => {
  const text = read(file);

  it('has a formula as rendered math (```math or $$)', () => {
    expect(text).toMatch(DISPLAY_MATH);
  });

  it('has a units and conventions section', () => {
    expect(text).toMatch(UNITS_HEADING);
  });

  it('has an assumptions / when-not-to-use section', () => {
    expect(text).toMatch(ASSUMPTIONS_HEADING);
  });

  it('has a runnable ts example with checked results', () => {
    expect(text).toMatch(RUNNABLE_TS);
  });

  it('has a references heading', () => {
    expect(text).toMatch(REFERENCES_HEADING);
  });

  it.each(terms.map((t) => [t.zh, t.en, t] as const))('names %s (%s)', (_zh, _en, term) => {
    expect(hasZh(text, term), `Chinese name ${term.zh} missing`).toBe(true);
    expect(hasEn(text, term), `English name "${term.en}" missing`).toBe(true);
  });
});

describe('docs/zh', () => {
  const glossary = read('zh/glossary.md');
  const allTerms = [...new Map(Object.values(GUIDE_TERMS).flatMap((ts) => ts.map((t) => [t.zh, t]))).values()];

  it.each(allTerms.map((t) => [t.zh, t.en, t] as const))('the glossary has %s (%s)', (_zh, _en, term) => {
    expect(hasZh(glossary, term), `Chinese name ${term.zh} missing`).toBe(true);
    expect(hasEn(glossary, term), `English name "${term.en}" missing`).toBe(true);
  });

  it('the glossary links every guide', () => {
    for (const file of Object.keys(GUIDE_TERMS)) expect(glossary).toContain(`(../${file})`);
  });

  it('the Chinese quick start exists and is in Chinese', () => {
    expect(existsSync(new URL('../docs/zh/README.md', import.meta.url))).toBe(true);
    expect(read('zh/README.md')).toMatch(HAN);
  });
});
