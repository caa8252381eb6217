// `npm test` and `npm run bench` run this before and after: the test dataset starts empty and ends empty.
import { resetTestDataset } from '@pasar/testing';

await resetTestDataset();
