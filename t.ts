import { cohortRetention, churnRate } from './src/lifecycle/index.js';
const r = cohortRetention([{customerId:'a',date:'2024-01-02',amount:1e16},{customerId:'a',date:'2024-01-03',amount:1},{customerId:'a',date:'2024-01-04',amount:1},{customerId:'b',date:'2024-01-05',amount:1},{customerId:'b',date:'2024-01-06',amount:-1e16}], {period:'month'});
console.log(r.cohorts[0].revenue, 1e16+1+1);
const c = churnRate([{customerId:'a',date:'2024-01-02',amount:1}], {period:'month'});
console.log(c.churnRate, c.retentionRate, c.periods.length);
const c2 = churnRate([{customerId:'a',date:'2024-01-02',amount:1},{customerId:'a',date:'2024-03-02',amount:1}], {period:'month', observationEnd: '2024-03-31'});
console.log(c2.churnRate, c2.retentionRate, c2.periods);
