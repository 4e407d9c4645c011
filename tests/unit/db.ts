// A fresh, migrated in-memory database loaded from the real data/ folder.
import { resolve } from 'node:path';
import { openDatabase } from '../../src/lib/server/db/build';

export const DATA_DIR = resolve(__dirname, '../../data');

export function freshDb() {
	return openDatabase(':memory:', { dataDir: DATA_DIR });
}
