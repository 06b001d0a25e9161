/**
 * One export or import job behind a button: `busy` while it runs, `failed` after it threw. The error itself
 * goes to the console for support; the UI shows its own "failed" message, never the raw text.
 */
export class Job {
	#busy = $state(false);
	#failed = $state(false);

	get busy() {
		return this.#busy;
	}
	get failed() {
		return this.#failed;
	}

	/** Runs `work`; resolves to whether it succeeded (it never rejects). */
	async run(work: () => Promise<unknown>): Promise<boolean> {
		this.#busy = true;
		this.#failed = false;
		try {
			await work();
			return true;
		} catch (e) {
			console.error(e);
			this.#failed = true;
			return false;
		} finally {
			this.#busy = false;
		}
	}
}
