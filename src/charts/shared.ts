/**
 * Types and small helpers shared by the chart builders: the JSON type of a spec, the common options, and the checks
 * that turn bad chart data into {@link CrmAnalyticsError}s. Nothing here imports a charting library.
 * @module
 */

import * as z from 'zod';
import { emptyInput, invalidValue } from '../core/messages.js';
import { inputReadError, readingInput } from '../core/validate.js';

/** A JSON value, the type of every part of a chart spec (so that a spec survives `JSON.stringify` unchanged). */
export type ChartJsonValue = string | number | boolean | null | ChartJsonValue[] | { [key: string]: ChartJsonValue };

/**
 * A Vega-Lite specification as plain JSON: hand it to vega-embed in a browser, to a notebook that displays the
 * `application/vnd.vegalite.v6+json` (or v5) MIME type, or to `vega-lite`'s `compile` and `vega`'s `View` for SVG.
 */
export interface VegaLiteSpec {
  /** The Vega-Lite JSON schema the spec is written for ({@link VEGA_LITE_SCHEMA_URL}). */
  $schema: string;
  [key: string]: ChartJsonValue;
}

/**
 * The Vega-Lite schema URL of every spec built here (Vega-Lite 6; the specs use only features also in Vega-Lite 5).
 *
 * @example
 * import { VEGA_LITE_SCHEMA_URL } from 'crm-analytics/charts';
 * VEGA_LITE_SCHEMA_URL; // => 'https://vega.github.io/schema/vega-lite/v6.json'
 */
export const VEGA_LITE_SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Options every chart accepts. */
export interface ChartBaseOptions {
  /** Chart title. Default: a title naming the chart (e.g. "Lorenz curve of customer revenue"). */
  title?: string;
  /** Width of the plotting area in pixels (default per chart, 360–480). */
  width?: number;
  /** Height of the plotting area in pixels (default per chart, 240–360). */
  height?: number;
}

/** zod shape of {@link ChartBaseOptions}, spread into each chart's strict schema. @internal */
export const chartBaseShape: {
  title: z.ZodOptional<z.ZodString>;
  width: z.ZodOptional<z.ZodNumber>;
  height: z.ZodOptional<z.ZodNumber>;
} = {
  title: z.string().optional(),
  width: z.number().int().min(50).max(4000).optional(),
  height: z.number().int().min(50).max(4000).optional(),
};

/** Common top-level properties: schema, title, size, and a quiet default look. @internal */
export function specFrame(
  options: ChartBaseOptions,
  defaults: { title: string; width: number; height: number; subtitle?: string | undefined },
): VegaLiteSpec {
  const title: ChartJsonValue =
    defaults.subtitle === undefined
      ? (options.title ?? defaults.title)
      : { text: options.title ?? defaults.title, subtitle: defaults.subtitle };
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    title,
    width: options.width ?? defaults.width,
    height: options.height ?? defaults.height,
    config: { view: { stroke: null }, axis: { grid: true, gridOpacity: 0.4 }, legend: { orient: 'bottom' } },
  };
}

/** Reads a list (array or array-like) for a chart, rejecting anything else and empty lists. @internal */
export function chartList<T>(input: ArrayLike<T> | Iterable<T>, name: string): readonly T[] {
  try {
    // Always a copy (charts are small): a throwing getter on an element is read here, inside the try, and a
    // sparse array's holes become undefined, which the field readers reject by position.
    let list: readonly T[];
    if (input !== null && typeof input === 'object') list = Array.from(input as ArrayLike<T>);
    else throw invalidValue([name], 'an array', input);
    if (list.length === 0) throw emptyInput(name);
    return list;
  } catch (cause) {
    throw inputReadError(cause, [name]);
  }
}

/** Reads a finite number from a record field, or throws naming it. @internal */
export function finiteField(record: unknown, field: string, path: ReadonlyArray<string | number>): number {
  const value = readingInput([...path, field], () =>
    record !== null && typeof record === 'object' ? (record as Record<string, unknown>)[field] : undefined,
  );
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalidValue([...path, field], 'a finite number', value);
  return value;
}

/** Reads a non-empty string (or a finite number, turned into its text) from a record field. @internal */
export function labelField(record: unknown, field: string, path: ReadonlyArray<string | number>): string {
  const value = readingInput([...path, field], () =>
    record !== null && typeof record === 'object' ? (record as Record<string, unknown>)[field] : undefined,
  );
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw invalidValue([...path, field], 'a non-empty string', value);
}

/** Rounds to 6 significant digits, so that inline data stays small without visible change. @internal */
export function roundForChart(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(6));
}
