/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): tiny, seeded, and the same on every machine and engine, so
 * a review sample drawn from a seed can be drawn again anywhere. Not for secrets: a sample needs repeatability,
 * not unpredictability.
 */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * A seed proposed for a new draw, from a fresh record id (the app's injected `newId`): FNV-1a over its code
 * units, so the domain needs no random source of its own and a test's fixed ids give a fixed seed.
 */
export function seedFromId(id: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
	return h >>> 0;
}
