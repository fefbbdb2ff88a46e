/**
 * What the SMTP and webhook sinks share: a list of received things and a way to wait for one that matches.
 */
export class Recorder<T> {
	readonly items: T[] = [];
	private readonly waiters = new Set<() => void>();

	constructor(
		private readonly name: string,
		private readonly describe: (items: T[]) => string,
	) {}

	add(item: T): void {
		this.items.push(item);
		for (const wake of [...this.waiters]) wake();
	}

	clear(): void {
		this.items.length = 0;
	}

	waitFor(predicate: (item: T) => boolean = () => true, timeoutMs = 15_000): Promise<T> {
		return new Promise((resolve, reject) => {
			const check = () => {
				const found = this.items.find(predicate);
				if (!found) return false;
				cleanup();
				resolve(found);
				return true;
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(
					new Error(
						`${this.name}: nothing matching within ${timeoutMs} ms; received ${this.items.length}: ${this.describe(this.items)}`,
					),
				);
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				this.waiters.delete(wake);
			};
			const wake = () => void check();
			if (!check()) this.waiters.add(wake);
		});
	}
}
