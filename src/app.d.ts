// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Db } from '$lib/server/db';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			db: Db;
		}
	}
}

export {};
