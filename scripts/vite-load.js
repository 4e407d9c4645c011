// Server modules are TypeScript and use import.meta.glob (the migrations), which plain
// Node cannot run; a Vite dev server in middleware mode compiles them the way the app does.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Starts Vite, hands `fn` a loader for server modules ('/src/lib/server/sources/open.ts'),
 * and closes Vite when `fn` settles.
 * @template T
 * @param {(load: (id: string) => Promise<Record<string, any>>) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withVite(fn) {
	// SvelteKit takes the project from the working directory, whatever `root` says.
	process.chdir(root);
	// Paraglide's compiler (the messages, in vite.config.ts) reports through consola on standard
	// output, which is the commands' own (run-commands.js answers JSON there): warnings and errors only.
	process.env.CONSOLA_LEVEL ??= '1';
	// No WebSocket server either: it would listen on Vite's one port (24678), which two of these
	// commands running at once (or a dev server) would fight over.
	const server = await createServer({
		server: { middlewareMode: true, hmr: false, ws: false, watch: null },
		appType: 'custom',
		logLevel: 'error'
	});
	try {
		return await fn((id) => server.ssrLoadModule(id));
	} finally {
		await server.close();
	}
}
