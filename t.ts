import { scaledUpperIncompleteGamma, upperIncompleteGamma } from './src/clv/models/paretoNbd.ts';
const out: unknown[] = [];
for (const a of [-0.5, -2, -5, -9.5, -10, -15, -20, -50, -1000, 0, 0.5, 3]) for (const z of [1e-3, 0.1, 0.5, 1.5, 5, 10, 30]) out.push([a, z, scaledUpperIncompleteGamma(a, z), upperIncompleteGamma(a,z)]);
console.log(JSON.stringify(out));
