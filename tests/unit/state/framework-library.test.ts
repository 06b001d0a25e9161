import { describe, expect, it } from 'vitest';
import { Framework } from '$lib/domain/framework';
import { FrameworkLibraryState } from '$lib/state/framework-library.svelte';
import { miniFrameworkInput } from '../fixtures/mini-framework';
import { harness } from './harness';

async function library() {
	const h = harness();
	await h.app.load();
	const lib = new FrameworkLibraryState(h.deps, h.app);
	await lib.load();
	return { ...h, lib, source: Framework.parse({ ...miniFrameworkInput(), builtIn: true }) };
}

describe('FrameworkLibraryState: 复制并编辑', () => {
	it('keeps the copy in memory: cancelling leaves nothing stored or listed', async () => {
		const { deps, lib, source } = await library();
		const copy = await lib.duplicate(source, '（副本）');
		expect(copy.title.zh).toBe('测试指标（副本）');
		expect(lib.draft(copy.id)).toEqual({ framework: copy, sourceId: source.id });
		expect(await deps.repos.frameworks.list()).toEqual([]);
		expect(lib.mine).toEqual([]);
		lib.discardDraft(copy.id);
		expect(lib.draft(copy.id)).toBeUndefined();
		expect(await deps.repos.frameworks.list()).toEqual([]);
	});

	it('stores the copy on its first save as version 1, and later saves as new versions', async () => {
		const { deps, lib, source } = await library();
		const copy = await lib.duplicate(source, '（副本）');
		const first = await lib.saveEdit({ ...copy, title: { zh: '本市指标' } });
		expect(first).toMatchObject({ id: copy.id, version: '1', builtIn: false, title: { zh: '本市指标' } });
		expect(lib.draft(copy.id)).toBeUndefined();
		expect((await deps.repos.frameworks.list()).map((f) => [f.id, f.version])).toEqual([[copy.id, '1']]);
		const second = await lib.saveEdit(first!);
		expect(second?.version).toBe('2');
		expect((await lib.versions(copy.id)).map((f) => f.version)).toEqual(['1', '2']);
	});
});
