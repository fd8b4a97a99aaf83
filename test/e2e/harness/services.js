'use strict';
/**
 * PostgreSQL and Redis for n8n's queue mode, from the Debian packages (scripts/e2e/queue.sh
 * installs them), started as plain processes on free ports of 127.0.0.1 with a throw-away data
 * directory: no system service, nothing left behind.
 *
 *   const pg = await startPostgres();   // pg.env: DB_TYPE=postgresdb, DB_POSTGRESDB_*
 *   const redis = await startRedis();   // redis.env: QUEUE_BULL_REDIS_*
 *   await pg.query('select 1');         // psql, as the n8n database user
 *   await redis.stop(); await pg.stop();
 *
 * PostgreSQL refuses to run as root: as root, initdb and postgres run as the unprivileged
 * `nobody` user (runuser), which owns the throw-away directory.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');
const { spawnTracked, killGroup, freePort, sleep, tail } = require('./n8n');

const RUN_AS = 'nobody';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function which(cmd) {
	const res = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return res.status === 0 ? res.stdout.trim() : '';
}

/** /usr/lib/postgresql/<newest>/bin, or PG_BIN. */
function postgresBin() {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const base = '/usr/lib/postgresql';
	const versions = fs.existsSync(base)
		? fs
				.readdirSync(base)
				.filter((v) => fs.existsSync(path.join(base, v, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!versions.length) {
		throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres): run scripts/e2e/queue.sh, which installs it');
	}
	return path.join(base, versions[0], 'bin');
}

/** [command, args] that runs `cmd args` as the unprivileged user when we are root. */
function asUser(cmd, args) {
	return isRoot ? ['runuser', ['-u', RUN_AS, '--', cmd, ...args]] : [cmd, args];
}

function run(cmd, args, opts = {}) {
	const [c, a] = asUser(cmd, args);
	const res = spawnSync(c, a, { encoding: 'utf8', timeout: 120000, ...opts });
	if (res.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} exited ${res.status}: ${tail(`${res.stdout}\n${res.stderr}`, 2000)}`);
	}
	return res;
}

async function waitForOutput(child, pattern, what, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (pattern.test(child.output())) return;
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`${what} exited (code ${child.exitCode}, signal ${child.signalCode})\n${tail(child.output())}`);
		}
		if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs} ms\n${tail(child.output())}`);
		await sleep(100);
	}
}

/** Stop a server process: `signal` to its group, SIGKILL after `graceMs`. */
async function stopChild(child, signal, graceMs) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	killGroup(child, signal);
	const slow = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
	if (slow) {
		killGroup(child, 'SIGKILL');
		await Promise.race([exited, sleep(5000)]);
	}
}

/**
 * A fresh PostgreSQL cluster: database `n8n`, user `n8n` with a random password (scram-sha-256),
 * TCP on 127.0.0.1 only. Durability is switched off (fsync, synchronous_commit): test data only.
 */
async function startPostgres({ timeoutMs = 120000 } = {}) {
	const bin = postgresBin();
	if (isRoot && !which('runuser')) throw new Error('runuser (util-linux) is needed to run PostgreSQL as root');
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-pg-'));
	const data = path.join(root, 'data');
	const sock = path.join(root, 'sock');
	fs.mkdirSync(sock);
	const password = crypto.randomBytes(18).toString('hex');
	const pwfile = path.join(root, 'pw');
	fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
	if (isRoot) spawnSync('chown', ['-R', `${RUN_AS}:`, root]);
	fs.chmodSync(root, 0o700);
	if (isRoot) spawnSync('chown', [`${RUN_AS}:`, root]);

	run(path.join(bin, 'initdb'), [
		'-D', data, '-U', 'n8n', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync',
	]);
	fs.rmSync(pwfile, { force: true });

	const port = await freePort();
	const [cmd, args] = asUser(path.join(bin, 'postgres'), [
		'-D', data,
		'-p', String(port),
		'-c', 'listen_addresses=127.0.0.1',
		'-c', `unix_socket_directories=${sock}`,
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=200',
	]);
	const child = spawnTracked(cmd, args, { cwd: root });
	try {
		await waitForOutput(child, /ready to accept connections/, 'postgres', timeoutMs);
		run(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n'], {
			env: { ...process.env, PGPASSWORD: password },
		});
	} catch (e) {
		await stopChild(child, 'SIGKILL', 1000);
		fs.rmSync(root, { recursive: true, force: true });
		throw e;
	}

	return {
		port,
		password,
		root,
		child,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: password,
		},
		/** Run SQL with psql; resolves the unaligned, tuples-only output (fields split by \t). */
		query(sql) {
			const res = spawnSync(
				path.join(bin, 'psql'),
				['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', 'n8n', '-X', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql],
				{ encoding: 'utf8', timeout: 60000, env: { ...process.env, PGPASSWORD: password } },
			);
			if (res.status !== 0) throw new Error(`psql: ${res.stderr}`);
			return res.stdout.replace(/\n$/, '');
		},
		output: () => child.output(),
		async stop() {
			await stopChild(child, 'SIGINT', 15000); // fast shutdown
			if (process.env.N8N_E2E_KEEP !== '1') fs.rmSync(root, { recursive: true, force: true });
		},
	};
}

/** A fresh Redis with a password, no persistence, on 127.0.0.1. */
async function startRedis({ timeoutMs = 60000 } = {}) {
	const server = which('redis-server');
	if (!server) throw new Error('redis-server is not installed: run scripts/e2e/queue.sh, which installs it');
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-redis-'));
	const password = crypto.randomBytes(18).toString('hex');
	const port = await freePort();
	const child = spawnTracked(
		server,
		[
			'--port', String(port),
			'--bind', '127.0.0.1',
			'--dir', root,
			'--save', '',
			'--appendonly', 'no',
			'--requirepass', password,
			'--daemonize', 'no',
			'--loglevel', 'notice',
		],
		{ cwd: root },
	);
	try {
		await waitForOutput(child, /Ready to accept connections/, 'redis-server', timeoutMs);
	} catch (e) {
		await stopChild(child, 'SIGKILL', 1000);
		fs.rmSync(root, { recursive: true, force: true });
		throw e;
	}
	return {
		port,
		password,
		root,
		child,
		env: {
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(port),
			QUEUE_BULL_REDIS_PASSWORD: password,
		},
		output: () => child.output(),
		async stop() {
			await stopChild(child, 'SIGTERM', 10000);
			fs.rmSync(root, { recursive: true, force: true });
		},
	};
}

module.exports = { startPostgres, startRedis, postgresBin };
