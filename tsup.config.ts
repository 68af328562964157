import { defineConfig, type Options } from 'tsup';

// One entry per area so that `crm-analytics/<area>` loads only that area.
// Kept deliberately trivial: tsup is in maintenance, and a move to tsdown should be a rename.
export const areas = ['data', 'rfm', 'clv', 'value', 'pareto', 'satisfaction', 'lifecycle'] as const;

const config: Options = {
  entry: {
    index: 'src/index.ts',
    ...Object.fromEntries(areas.map((area) => [`${area}/index`, `src/${area}/index.ts`])),
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  splitting: true,
  sourcemap: false,
  target: 'es2020',
  treeshake: true,
};

const options: Options = defineConfig(config) as Options;
export default options;
