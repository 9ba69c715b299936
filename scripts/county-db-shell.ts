// Keeps the county database (.data/county-pg) running until interrupted and prints its URL:
// for EXPLAIN (ANALYZE, BUFFERS) with psql while working on a county-scale query.
//   npx tsx scripts/county-db-shell.ts    # then: psql "<printed URL>"
import { startCountyDb } from './county-db';

const { url, stop } = await startCountyDb();
console.log(url);
const end = () => void stop().then(() => process.exit(0));
process.on('SIGINT', end);
process.on('SIGTERM', end);
setInterval(() => {}, 1 << 30);
