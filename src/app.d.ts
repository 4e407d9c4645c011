// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Db } from '$lib/server/db';
import type { SignedIn } from '$lib/server/accounts/identity';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			db: Db;
			/** The person signed in (by session cookie or API token); null for the public. */
			user: SignedIn | null;
			/** The address the request came from, for the audit log and throttling. */
			address: string | null;
		}
	}
}

export {};
