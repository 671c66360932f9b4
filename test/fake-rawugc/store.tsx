/** The one job store: a map per kind (keyed by today's id), found by today's or a legacy task_ id. */
import { LEGACY_PREFIX } from './job-core';
import { idOf } from './jobs';
import { KIND_NAMES, KINDS, kindOfId } from './kinds';
import type { AnyJob, JobsByKind, KindName, ListOrder } from './types';

export class JobStore {
	readonly byKind: { [K in KindName]: Map<string, JobsByKind[K]> } = { image: new Map(), video: new Map(), music: new Map() };

	add<K extends KindName>(kind: K, job: JobsByKind[K]): void {
		this.byKind[kind].set(idOf(kind, job), job);
	}

	/** A job of this kind by its id or its legacy id (task_<hex>, as the old version named it). */
	find<K extends KindName>(kind: K, id: string): JobsByKind[K] | undefined {
		const map = this.byKind[kind] as Map<string, JobsByKind[K]>;
		if (id.startsWith(LEGACY_PREFIX)) return map.get(`${KINDS[kind].idPrefix}${id.slice(LEGACY_PREFIX.length)}`);
		return map.get(id);
	}

	/** A job of any kind by its id or legacy id. */
	findAny(id: string): { kind: KindName; job: AnyJob } | undefined {
		const kinds = id.startsWith(LEGACY_PREFIX) ? KIND_NAMES : [kindOfId(id)].filter((kind): kind is KindName => kind !== undefined);
		for (const kind of kinds) {
			const job = this.find(kind, id);
			if (job) return { kind, job };
		}
		return undefined;
	}

	/** Newest first (each map keeps insertion order, oldest first). */
	newestFirst<K extends KindName>(kind: K): Array<JobsByKind[K]> {
		return [...(this.byKind[kind] as Map<string, JobsByKind[K]>).values()].reverse();
	}

	/** The jobs of a kind in a list's order. */
	listed<K extends KindName>(kind: K, order: ListOrder): Array<JobsByKind[K]> {
		const newestFirst = this.newestFirst(kind);
		if (order === 'oldestFirst') return newestFirst.reverse();
		if (order === 'interleaved') return [...newestFirst.filter((_, n) => n % 2 === 0), ...newestFirst.filter((_, n) => n % 2 === 1)];
		return newestFirst;
	}

	get size(): number {
		return KIND_NAMES.reduce((total, kind) => total + this.byKind[kind].size, 0);
	}

	clear(): void {
		for (const kind of KIND_NAMES) this.byKind[kind].clear();
	}
}
