import { MemoryBus } from '../src/index.js';
import { describeBusContract } from './contract/bus-contract.js';

describeBusContract('memory', async () => new MemoryBus());
