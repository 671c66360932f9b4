import { inspect } from 'node:util';

import type { Logger, LogMetadata } from 'n8n-workflow';

import { currentRunContext } from './runContext';

/** Lines logged outside any run (module set-up, stray timers). */
export const unattributedLogs: string[] = [];

function formatLine(level: string, message: string, metadata?: LogMetadata): string {
	if (metadata === undefined || Object.keys(metadata).length === 0) return `${level}: ${message}`;
	// Deep inspection, so a secret hidden in an error's properties still shows up in the line.
	const details = inspect(metadata, { depth: 8, breakLength: Infinity, maxStringLength: null });
	return `${level}: ${message} ${details}`;
}

/**
 * Stands in for n8n's winston logger: records every line into the log of the run that
 * printed it, and prints nothing.
 */
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
		(currentRunContext()?.logs ?? unattributedLogs).push(line);
	}
}
