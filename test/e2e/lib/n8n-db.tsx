// Reads a finished execution straight from n8n's SQLite database, with n8n's own sqlite3 and flatted.
// Needed because `n8n execute` can lose a race with a run that fails at once ("No active execution
// found") and then prints no run at all, although n8n saved it.
import { createRequire } from 'node:module';
import path from 'node:path';

import type { N8nRun, N8nSetup } from './n8n';

interface Sqlite3 {
	Database: new (file: string, mode: number, callback: (error: Error | null) => void) => SqliteDatabase;
	OPEN_READONLY: number;
}
interface SqliteDatabase {
	all(sql: string, params: unknown[], callback: (error: Error | null, rows?: Array<Record<string, unknown>>) => void): void;
	close(callback?: () => void): void;
}

/** A module from n8n's own install (sqlite3, flatted, ...). */
export function requireFromN8n<T>(setup: N8nSetup, name: string): T {
	return createRequire(path.join(setup.n8nDir, 'node_modules', 'n8n', 'package.json'))(name) as T;
}

/** Runs one read-only query on n8n's SQLite database and returns every row. */
export async function queryN8nDatabase(setup: N8nSetup, sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
	const sqlite3 = requireFromN8n<Sqlite3>(setup, 'sqlite3');
	const file = path.join(setup.userFolder, '.n8n', 'database.sqlite');
	const db = await new Promise<SqliteDatabase>((resolve, reject) => {
		const opened = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
	});
	try {
		return await new Promise<Array<Record<string, unknown>>>((resolve, reject) =>
			db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows ?? []))),
		);
	} finally {
		db.close();
	}
}

/** The id of the workflow's newest saved execution (0 when none): what a run's own execution must come after. */
export async function newestExecutionId(setup: N8nSetup, workflowId: string): Promise<number> {
	const [row] = await queryN8nDatabase(setup, 'SELECT MAX(id) AS id FROM execution_entity WHERE workflowId = ?', [workflowId]);
	return Number(row?.id ?? 0);
}

/** The workflow's newest saved execution, if newer than `afterId`. */
export async function latestExecution(setup: N8nSetup, workflowId: string, afterId = 0): Promise<(N8nRun & { status?: string }) | undefined> {
	const flatted = requireFromN8n<{ parse(text: string): unknown }>(setup, 'flatted');
	const [row] = await queryN8nDatabase(
		setup,
		`SELECT e.status AS status, d.data AS data FROM execution_entity e
		 JOIN execution_data d ON d.executionId = e.id
		 WHERE e.workflowId = ? AND e.id > ? ORDER BY e.id DESC LIMIT 1`,
		[workflowId, afterId],
	);
	if (!row) return undefined;
	return { status: String(row.status), data: flatted.parse(String(row.data)) as N8nRun['data'] };
}
