/**
 * Node and credential types for the harness: our package loaded from its built `dist` with n8n-core's
 * `PackageDirectoryLoader` (exactly how n8n loads a community package), plus n8n-nodes-base loaded
 * with n8n-core's `LazyPackageDirectoryLoader` (how n8n itself loads n8n-nodes-base: it reads
 * `dist/known/*.json` and only `require`s a node/credential file the first time it is asked for).
 */
import './env';
import './jest-compat';

import { dirname, resolve } from 'node:path';

import { LazyPackageDirectoryLoader, PackageDirectoryLoader, type DirectoryLoader } from 'n8n-core';
import {
	NodeHelpers,
	UnexpectedError,
	type ICredentialType,
	type IDataObject,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

/** Repository root: the default package root (its package.json `n8n` section lists `dist/...`). */
export const REPO_ROOT: string = resolve(__dirname, '..', '..', '..');

/** Package name of n8n-nodes-base, i.e. the prefix of `n8n-nodes-base.set` etc. */
const BASE_PACKAGE = 'n8n-nodes-base';

export interface LoadTimings {
	/** ms spent in `PackageDirectoryLoader.loadAll()` for the package under test. */
	packageMs: number;
	/** ms spent in `LazyPackageDirectoryLoader.loadAll()` for n8n-nodes-base (reads known/types JSON only). */
	baseMs: number;
}

/** Splits `pkg.nodeName` (pkg may be scoped, `@scope/pkg.nodeName`) at the last dot. */
function splitType(fullType: string): [string, string] {
	const dot = fullType.lastIndexOf('.');
	if (dot <= 0) throw new UnexpectedError(`Node type "${fullType}" has no package prefix`);
	return [fullType.slice(0, dot), fullType.slice(dot + 1)];
}

/**
 * The set of loaded packages. Implements n8n-workflow's `INodeTypes` (what `Workflow` needs) and
 * the parts of n8n's `CredentialTypes` the credentials helper and credential tester need.
 */
export class TypeRegistry implements INodeTypes {
	private readonly loaders = new Map<string, DirectoryLoader>();

	private constructor(
		/** The package under test (the loader of `packageRoot`). */
		readonly packageLoader: PackageDirectoryLoader,
		readonly timings: LoadTimings,
		baseLoader: DirectoryLoader,
	) {
		this.loaders.set(packageLoader.packageName, packageLoader);
		this.loaders.set(BASE_PACKAGE, baseLoader);
	}

	/** Package name of the package under test (`n8n-nodes-alibaba-cloud-media` for the repo root). */
	get packageName(): string {
		return this.packageLoader.packageName;
	}

	static async load(packageRoot: string = REPO_ROOT): Promise<TypeRegistry> {
		let start = performance.now();
		const packageLoader = new PackageDirectoryLoader(packageRoot);
		await packageLoader.loadAll();
		const packageMs = performance.now() - start;

		start = performance.now();
		const baseLoader = new LazyPackageDirectoryLoader(dirname(require.resolve('n8n-nodes-base/package.json')));
		await baseLoader.loadAll();
		const baseMs = performance.now() - start;

		return new TypeRegistry(packageLoader, { packageMs, baseMs }, baseLoader);
	}

	// ----- INodeTypes -----

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const [pkg, name] = splitType(nodeType);
		const loader = this.loaders.get(pkg);
		if (!loader) throw new UnexpectedError(`Unknown package "${pkg}" for node type "${nodeType}"`);
		return loader.getNode(name).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const [pkg, loader] of this.loaders) {
			for (const [name, details] of Object.entries(loader.known.nodes)) {
				known[`${pkg}.${name}`] = details as unknown as IDataObject;
			}
		}
		return known;
	}

	// ----- credential types (like n8n's CredentialTypes) -----

	/** Whether any loaded package provides this credential type. */
	recognizesCredential(name: string): boolean {
		for (const loader of this.loaders.values()) {
			if (name in loader.known.credentials) return true;
		}
		return false;
	}

	getCredentialType(name: string): ICredentialType {
		for (const loader of this.loaders.values()) {
			if (name in loader.known.credentials) return loader.getCredential(name).type;
		}
		throw new UnexpectedError(`Unknown credential type "${name}"`);
	}

	/** Full node type names (`pkg.node`) that declare this credential, as n8n's CredentialTypes does. */
	getSupportedNodes(name: string): string[] {
		for (const [pkg, loader] of this.loaders) {
			const known = loader.known.credentials[name];
			if (known) return (known.supportedNodes ?? []).map((node) => `${pkg}.${node}`);
		}
		return [];
	}

	/** All ancestors of a credential type via `extends` (e.g. `oAuth2Api`). */
	getParentTypes(name: string): string[] {
		const parents = this.getCredentialType(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}
}
