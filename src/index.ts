/**
 * crm-analytics: the quantitative core of customer relationship management.
 *
 * Each area is also available on its own subpath (`crm-analytics/rfm`, …), which loads only that area.
 * @module
 */

export * from './clv/index.js';
export * from './core/index.js';
export * from './data/index.js';
export * from './lifecycle/index.js';
export * from './pareto/index.js';
export * from './rfm/index.js';
export * from './satisfaction/index.js';
export * from './value/index.js';
