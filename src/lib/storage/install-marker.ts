/** Meta keys of the install marker and of a detected, unacknowledged data loss (see domain/install-marker.ts). */
export const INSTALL_KEY = 'install';
export const DATA_LOSS_KEY = 'dataLoss';

/** Where copies of the marker's id are kept outside IndexedDB. */
export interface MarkerCopies {
	read(): string[];
	write(id: string): void;
}

const NAME = 'kaiming-install';
// Ten years: the copy must outlive any gap between two uses of the tool.
const MAX_AGE = 10 * 365 * 24 * 3600;

function cookieValue(doc: Document): string | null {
	for (const part of doc.cookie.split(';')) {
		const [k, v] = part.trim().split('=');
		if (k === NAME && v) return decodeURIComponent(v);
	}
	return null;
}

/**
 * localStorage and a cookie. Chromium evicts an origin's quota-managed storage under disk pressure; cookies are
 * not part of that, so at least one copy normally survives an eviction. Either may be unavailable (disabled,
 * sandboxed): then there is simply one copy fewer.
 */
export const browserCopies: MarkerCopies = {
	read() {
		const ids = new Set<string>();
		try {
			const v = localStorage.getItem(NAME);
			if (v) ids.add(v);
		} catch {
			/* storage disabled */
		}
		try {
			const v = cookieValue(document);
			if (v) ids.add(v);
		} catch {
			/* cookies disabled */
		}
		return [...ids];
	},
	write(id) {
		try {
			localStorage.setItem(NAME, id);
		} catch {
			/* storage disabled */
		}
		try {
			document.cookie = `${NAME}=${encodeURIComponent(id)}; Max-Age=${MAX_AGE}; Path=/; SameSite=Strict`;
		} catch {
			/* cookies disabled */
		}
	}
};
