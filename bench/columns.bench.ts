// summarizeColumns (typed arrays) at 100k / 1M / 10M transactions (10 transactions a customer).
// Issue 12 floor: 10,000,000 transactions over 1,000,000 customers in < 3 s median, under 60 bytes of peak memory per
// transaction (input columns included: 20 bytes a row).
import { summarizeColumns } from '../src/data/index.js';
import { formatCount, isChildRun, runSizedSuite, seededRandom, TRANSACTION_SIZES } from './harness.js';

const rssBefore = process.resourceUsage().maxRSS * 1024;

function columns(n: number, customers: number) {
  const random = seededRandom(7);
  const customerIds = new Int32Array(n);
  const dates = new Float64Array(n);
  const amounts = new Float64Array(n);
  const start = Date.UTC(2020, 0, 1);
  for (let i = 0; i < n; i++) {
    customerIds[i] = 1 + Math.floor(random() * customers);
    dates[i] = start + Math.floor(random() * 731) * 86_400_000;
    amounts[i] = Math.round(random() * 20_000) / 100;
  }
  return { customerIds, dates, amounts };
}

const results = await runSizedSuite(
  'columns',
  TRANSACTION_SIZES,
  (size) => {
    const input = columns(size.n, size.n / 10);
    return [
      {
        name: `summarizeColumns ${size.label} tx / ${formatCount(size.n / 10)} customers (typed arrays)`,
        op: 'summarizeColumns',
        size,
        gc: size.n >= 1_000_000,
        fn: () => summarizeColumns(input, { observationEnd: '2021-12-31' }),
        ...(size.n === 10_000_000 ? { targetMs: 3000 } : {}),
      },
    ];
  },
  { iterations: 5, time: 0 },
);
const large = results.find((r) => r.size === '10M');
// (A child process running one size leaves the check to its parent, which has every size's results.)
if (large !== undefined && !isChildRun()) {
  const perTx = (large.peakRssMb * 2 ** 20 - rssBefore) / 10_000_000;
  console.log(
    `peak memory above the empty process: ${perTx.toFixed(1)} bytes per transaction (input columns: 20) — target < 60 ${perTx < 60 ? 'ok' : 'MISS'}`,
  );
  if (perTx >= 60) process.exitCode = 1;
}
