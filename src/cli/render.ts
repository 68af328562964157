/**
 * Static SVG rendering of Vega-Lite specs with `vega-lite` (compile) and `vega` (headless view), both loaded only
 * when a report is written, so that nothing else in the package ever loads them.
 * @module
 */
import type { VegaLiteSpec } from '../charts/index.js';
import { missingDependency } from './csv.js';
import { CliInputError } from './errors.js';

interface VegaModule {
  parse(spec: unknown): unknown;
  View: new (runtime: unknown, options: { renderer: 'none' }) => { toSVG(): Promise<string>; finalize(): void };
}
interface VegaLiteModule {
  compile(spec: unknown): { spec: unknown };
}

/** Turns Vega-Lite specs into SVG strings. @internal */
export type SvgRenderer = (spec: VegaLiteSpec) => Promise<string>;

/**
 * Loads vega and vega-lite and returns a renderer.
 * @throws CliInputError naming the missing package when either is not installed
 * @internal
 */
export async function loadSvgRenderer(): Promise<SvgRenderer> {
  let vega: VegaModule;
  let vegaLite: VegaLiteModule;
  try {
    vega = (await import('vega')) as unknown as VegaModule;
  } catch {
    throw new CliInputError(missingDependency('vega'));
  }
  try {
    vegaLite = (await import('vega-lite')) as unknown as VegaLiteModule;
  } catch {
    throw new CliInputError(missingDependency('vega-lite'));
  }
  return async (spec: VegaLiteSpec): Promise<string> => {
    const compiled = vegaLite.compile(spec).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  };
}
