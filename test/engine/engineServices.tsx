/**
 * The process-wide services n8n-core takes from its DI Container while it runs a node:
 * the logger, instance settings, and the binary data service. Set up once per process
 * (per jest test file), the way n8n's own start-up does it, but in a temp dir and silent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { BinaryDataService, ErrorReporter, InstanceSettings, type BinaryData } from 'n8n-core';
import { LoggerProxy } from 'n8n-workflow';

import { Container, LoggerToken } from './coreModules';
import { RecordingLogger } from './recordingLogger';

export type BinaryMode = 'filesystem' | 'default';

interface EngineServices {
	logger: RecordingLogger;
	binaryDataServices: Record<BinaryMode, BinaryDataService>;
	binaryModeOfExecution: Map<string, BinaryMode>;
	/** Where filesystem mode keeps binary data (tests look for files left behind). */
	storageDir: string;
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

let services: Promise<EngineServices> | undefined;

export async function engineServices(): Promise<EngineServices> {
	services ??= setUpServices();
	return await services;
}

async function setUpServices(): Promise<EngineServices> {
	const rootDir = mkdtempSync(path.join(tmpdir(), 'n8n-engine-'));
	dirsToRemove.push(rootDir);

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

	// Both modes share one storage dir: file ids carry their execution, so reads work from
	// either, and only writes need the mode of the run that makes them.
	const storageDir = path.join(rootDir, 'binary-data');
	const binaryDataServices = {
		filesystem: await createBinaryDataService('filesystem', storageDir, logger),
		default: await createBinaryDataService('default', storageDir, logger),
	};
	const binaryModeOfExecution = new Map<string, BinaryMode>();
	Container.set(
		BinaryDataService,
		routeByExecution(binaryDataServices, (executionId) => binaryModeOfExecution.get(executionId)),
	);
	return { logger, binaryDataServices, binaryModeOfExecution, storageDir };
}

async function createBinaryDataService(
	mode: BinaryMode,
	storageDir: string,
	logger: RecordingLogger,
): Promise<BinaryDataService> {
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

/** BinaryDataService methods whose first argument says which execution writes. */
const WRITES_FOR_EXECUTION = new Set<PropertyKey>(['store', 'copyBinaryFile', 'duplicateBinaryData']);

/**
 * n8n-core calls `Container.get(BinaryDataService)` for every binary helper. This stand-in
 * sends each write to the service in the mode of the run that writes, so runs in
 * different modes can overlap; everything else goes to the filesystem-mode service.
 */
function routeByExecution(
	servicesByMode: Record<BinaryMode, BinaryDataService>,
	modeOf: (executionId: string) => BinaryMode | undefined,
): BinaryDataService {
	const serviceFor = (property: PropertyKey, firstArgument: unknown) => {
		if (!WRITES_FOR_EXECUTION.has(property)) return servicesByMode.filesystem;
		const location = firstArgument as BinaryData.FileLocation;
		const mode = location.type === 'execution' ? modeOf(location.executionId) : undefined;
		return servicesByMode[mode ?? 'filesystem'];
	};
	return new Proxy(servicesByMode.filesystem, {
		get(target, property) {
			const value: unknown = Reflect.get(target, property, target);
			if (typeof value !== 'function') return value;
			return (...args: unknown[]) => {
				const service = serviceFor(property, args[0]);
				return (Reflect.get(service, property, service) as (...a: unknown[]) => unknown).apply(
					service,
					args,
				);
			};
		},
	});
}
