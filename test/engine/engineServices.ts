/**
 * The process-wide services n8n-core takes from its DI Container while it runs a node:
 * the logger, instance settings, and the binary data service. Set up once per process
 * (per jest test file), the way n8n's own start-up does it, but in a temp dir and silent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { BinaryDataService, ErrorReporter, InstanceSettings } from 'n8n-core';
import { LoggerProxy } from 'n8n-workflow';

import { Container, LoggerToken } from './coreModules';
import { RecordingLogger } from './recordingLogger';
import { currentRunContext } from './runContext';

export type BinaryMode = 'filesystem' | 'default';

interface EngineServices {
	rootDir: string;
	logger: RecordingLogger;
}

let services: EngineServices | undefined;

export function engineServices(): EngineServices {
	services ??= setUpServices();
	return services;
}

// Registered at import, while jest still accepts hooks: jest hands test files a process
// object whose 'exit' never fires, so there the files go after the test file instead.
const dirsToRemove: string[] = [];
const removeDirs = () => {
	for (const dir of dirsToRemove.splice(0)) rmSync(dir, { recursive: true, force: true });
};
const jestAfterAll = (globalThis as { afterAll?: (hook: () => void) => void }).afterAll;
if (jestAfterAll) jestAfterAll(removeDirs);
else process.once('exit', removeDirs);

function removeWhenDone(dir: string) {
	dirsToRemove.push(dir);
}

function setUpServices(): EngineServices {
	const rootDir = mkdtempSync(path.join(tmpdir(), 'n8n-engine-'));
	removeWhenDone(rootDir);

	const logger = new RecordingLogger();
	Container.set(LoggerToken, logger);
	LoggerProxy.init(logger);

	// Built by hand so n8n's settings file lands in our temp dir, never in ~/.n8n.
	const instanceSettingsConfig = {
		n8nFolder: path.join(rootDir, '.n8n'),
		userHome: rootDir,
		encryptionKey: 'engine-harness-encryption-key',
		enforceSettingsFilePermissions: false,
	};
	Container.set(
		InstanceSettings,
		new InstanceSettings(instanceSettingsConfig as never, logger as never),
	);

	Container.set(BinaryDataService, binaryDataServiceOfCurrentRun());
	return { rootDir, logger };
}

/**
 * n8n-core calls `Container.get(BinaryDataService)` on every binary helper. This stand-in
 * forwards each call to the binary data service of the run that made it, so runs with
 * different modes and storage dirs can overlap.
 */
function binaryDataServiceOfCurrentRun(): BinaryDataService {
	return new Proxy({} as BinaryDataService, {
		get(_target, property) {
			const service = currentRunContext()?.binaryDataService;
			if (!service) {
				throw new Error('Binary data was used outside a harness run');
			}
			const value: unknown = Reflect.get(service, property, service);
			return typeof value === 'function' ? value.bind(service) : value;
		},
	});
}

/** A real n8n BinaryDataService in the given mode, storing under its own temp dir. */
export async function createBinaryDataService(mode: BinaryMode): Promise<BinaryDataService> {
	const { rootDir, logger } = engineServices();
	const storageDir = mkdtempSync(path.join(rootDir, 'binary-'));
	const config = {
		mode,
		availableModes: [mode],
		localStoragePath: storageDir,
		signingSecret: 'engine-harness-signing-secret',
		dbMaxFileSize: 512,
	};
	const service = new BinaryDataService(
		config as never,
		Container.get(ErrorReporter),
		logger as never,
	);
	await service.init();
	return service;
}
