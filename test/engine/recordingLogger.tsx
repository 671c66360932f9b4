import { inspect } from 'node:util';

import type { Logger, LogMetadata } from 'n8n-workflow';

const activeRunLogs = new Set<string[]>();

/** Lines logged while no run was in progress (module set-up). */
export const logsOutsideRuns: string[] = [];

/**
 * Collects every line logged from now until the returned stop function is called.
 * Time-based on purpose: lines printed by shared machinery (timers, pacers) started by
 * an earlier run still count, so "the secret never appears" cannot miss them. Runs that
 * overlap therefore each see the other's lines too.
 */
export function collectLogs(): { logs: string[]; stop(): void } {
	const logs: string[] = [];
	activeRunLogs.add(logs);
	return { logs, stop: () => activeRunLogs.delete(logs) };
}

function formatLine(level: string, message: string, metadata?: LogMetadata): string {
	if (metadata === undefined || Object.keys(metadata).length === 0) return `${level}: ${message}`;
	// Deep inspection, so a secret hidden in an error's properties still shows up in the line.
	const details = inspect(metadata, { depth: 8, breakLength: Infinity, maxStringLength: null });
	return `${level}: ${message} ${details}`;
}

/** Stands in for n8n's winston logger: records every line, prints nothing. */
export class RecordingLogger implements Logger {
	error(message: string, metadata?: LogMetadata) {
		this.record('error', message, metadata);
	}

	warn(message: string, metadata?: LogMetadata) {
		this.record('warn', message, metadata);
	}

	info(message: string, metadata?: LogMetadata) {
		this.record('info', message, metadata);
	}

	debug(message: string, metadata?: LogMetadata) {
		this.record('debug', message, metadata);
	}

	/** n8n services ask for a scoped child logger; ours has no scopes to filter. */
	scoped(): this {
		return this;
	}

	private record(level: string, message: string, metadata?: LogMetadata) {
		const line = formatLine(level, message, metadata);
		if (activeRunLogs.size === 0) logsOutsideRuns.push(line);
		for (const logs of activeRunLogs) logs.push(line);
	}
}
