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
	get(sql: string, params: unknown[], callback: (error: Error | null, row?: Record<string, unknown>) => void): void;
	close(callback?: () => void): void;
}

export async function latestExecution(setup: N8nSetup, workflowId: string): Promise<(N8nRun & { status?: string }) | undefined> {
	const requireFromN8n = createRequire(path.join(setup.n8nDir, 'node_modules', 'n8n', 'package.json'));
	const sqlite3 = requireFromN8n('sqlite3') as Sqlite3;
	const flatted = requireFromN8n('flatted') as { parse(text: string): unknown };
	const file = path.join(setup.userFolder, '.n8n', 'database.sqlite');
	const db = await new Promise<SqliteDatabase>((resolve, reject) => {
		const opened = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
	});
	try {
		const row = await new Promise<Record<string, unknown> | undefined>((resolve, reject) =>
			db.get(
				`SELECT e.status AS status, d.data AS data FROM execution_entity e
				 JOIN execution_data d ON d.executionId = e.id
				 WHERE e.workflowId = ? ORDER BY e.id DESC LIMIT 1`,
				[workflowId],
				(error, found) => (error ? reject(error) : resolve(found)),
			),
		);
		if (!row) return undefined;
		return { status: String(row.status), data: flatted.parse(String(row.data)) as N8nRun['data'] };
	} finally {
		db.close();
	}
}
