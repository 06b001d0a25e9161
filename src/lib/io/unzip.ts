/**
 * Reads the entries of a .zip (stored or deflated). Deflated entries are inflated by the browser's own
 * DecompressionStream where it has 'deflate-raw' (native zlib: a provincial backup's 100 MB of JSON in a
 * fraction of the time fflate's JavaScript takes), by fflate otherwise (older Chromium kernels). Throws on
 * anything that is not a well-formed zip; the caller turns that into its own message.
 */
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

class ZipReader {
	readonly #view: DataView;
	constructor(readonly bytes: Uint8Array) {
		this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}
	#need(at: number, length: number) {
		if (at < 0 || at + length > this.bytes.length) throw new Error(`truncated at byte ${at}`);
	}
	u16(at: number) {
		this.#need(at, 2);
		return this.#view.getUint16(at, true);
	}
	u32(at: number) {
		this.#need(at, 4);
		return this.#view.getUint32(at, true);
	}
	slice(at: number, length: number) {
		this.#need(at, length);
		return this.bytes.subarray(at, at + length);
	}
}

let native: boolean | undefined;
function hasNativeInflate(): boolean {
	if (native === undefined) {
		try {
			new DecompressionStream('deflate-raw');
			native = true;
		} catch {
			native = false;
		}
	}
	return native;
}

async function inflate(data: Uint8Array, size: number): Promise<Uint8Array> {
	let out: Uint8Array;
	if (hasNativeInflate()) {
		const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
		out = new Uint8Array(await new Response(stream).arrayBuffer());
	} else {
		const { inflateSync } = await import('fflate');
		out = inflateSync(data, { out: new Uint8Array(size) });
	}
	if (out.length !== size) throw new Error(`inflated to ${out.length} bytes, expected ${size}`);
	return out;
}

export async function unzip(bytes: Uint8Array): Promise<Record<string, Uint8Array>> {
	const zip = new ZipReader(bytes);
	// The end record sits in the last 22 bytes plus a comment of at most 65,535.
	let end = -1;
	for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
		if (zip.u32(at) === EOCD) {
			end = at;
			break;
		}
	}
	if (end < 0) throw new Error('no end of central directory');
	const count = zip.u16(end + 10);
	let at = zip.u32(end + 16);
	const names = new TextDecoder('utf-8', { fatal: true });
	const out: Record<string, Uint8Array> = Object.create(null) as Record<string, Uint8Array>;
	const pending: Promise<void>[] = [];
	for (let i = 0; i < count; i++) {
		if (zip.u32(at) !== CENTRAL) throw new Error(`entry ${i + 1}: no central directory header`);
		const flags = zip.u16(at + 8);
		const method = zip.u16(at + 10);
		const compressed = zip.u32(at + 20);
		const size = zip.u32(at + 24);
		const nameLength = zip.u16(at + 28);
		const next = at + 46 + nameLength + zip.u16(at + 30) + zip.u16(at + 32);
		const name = names.decode(zip.slice(at + 46, nameLength));
		const local = zip.u32(at + 42);
		if (flags & 1) throw new Error(`${name}: encrypted`);
		if (Object.hasOwn(out, name)) throw new Error(`${name}: twice`);
		if (zip.u32(local) !== LOCAL) throw new Error(`${name}: no local header`);
		const data = zip.slice(local + 30 + zip.u16(local + 26) + zip.u16(local + 28), compressed);
		if (method === 0) {
			if (compressed !== size) throw new Error(`${name}: stored size ${compressed}, expected ${size}`);
			out[name] = data;
		} else if (method === 8) {
			out[name] = new Uint8Array(0);
			pending.push(inflate(data, size).then((inflated) => void (out[name] = inflated)));
		} else throw new Error(`${name}: compression method ${method}`);
		at = next;
	}
	await Promise.all(pending);
	return out;
}
