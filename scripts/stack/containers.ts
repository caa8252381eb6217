// PASAR_STACK=containers: starts the stores in containers (packages/testing/src/store-containers.ts),
// named PREFIX-<component> and labelled with the checkout, and prints the host ports Docker picked
// as the port variables of scripts/stack/components/*.sh: stack.sh keeps them in a file it reads, so
// every address `npm run stack -- env` prints follows. The containers outlive this process (no
// Ryuk); `npm run stack -- down` removes them.
//   node scripts/stack/containers.ts PREFIX CHECKOUT
import { startStoreContainers } from '@pasar/testing';

const [namePrefix, checkout] = process.argv.slice(2);
if (!namePrefix || !checkout) {
  console.error('usage: node scripts/stack/containers.ts PREFIX CHECKOUT');
  process.exit(2);
}
console.log((await startStoreContainers(namePrefix, checkout)).join('\n'));
