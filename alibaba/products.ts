/**
 * The two Alibaba Cloud products this package talks to and where each one is served. Both speak the RPC style
 * over POST, so a product is described by its API version (sent as `x-acs-version`) and its endpoints: the
 * documented public host `<code>.<region>.aliyuncs.com` in the regions Alibaba lists for it, plus the regions
 * Alibaba serves from another region's host (VOD's cn-hangzhou is served by vod.cn-shanghai.aliyuncs.com).
 * A region a product is not offered in has no endpoint: the caller says so instead of guessing a host.
 */
export type ProductCode = 'ice' | 'vod';

/** The region a new credential starts with. */
export const DEFAULT_REGION = 'cn-shanghai';

export interface Product {
	code: ProductCode;
	name: string;
	shortName: 'ICE' | 'VOD';
	apiVersion: string;
	/** Name of the credential field that overrides the endpoint for this product. */
	endpointOverrideField: 'iceEndpoint' | 'vodEndpoint';
	/** Regions with a host of their own. */
	regions: readonly string[];
	/** Regions served by another region's host, region → host region. */
	servedFrom: Readonly<Record<string, string>>;
}

export const PRODUCTS: Record<ProductCode, Product> = {
	ice: {
		code: 'ice',
		name: 'Intelligent Media Services (ICE)',
		shortName: 'ICE',
		apiVersion: '2020-11-09',
		endpointOverrideField: 'iceEndpoint',
		regions: ['cn-shanghai', 'cn-beijing', 'cn-hangzhou', 'cn-shenzhen', 'ap-southeast-1', 'us-west-1'],
		servedFrom: {},
	},
	vod: {
		code: 'vod',
		name: 'ApsaraVideo VOD',
		shortName: 'VOD',
		apiVersion: '2017-03-21',
		endpointOverrideField: 'vodEndpoint',
		regions: [
			'cn-shanghai',
			'cn-beijing',
			'cn-shenzhen',
			'cn-hongkong',
			'cn-north-2-gov-1',
			'ap-southeast-1',
			'ap-southeast-5',
			'ap-northeast-1',
			'eu-central-1',
			'me-central-1',
			'us-west-1',
		],
		servedFrom: { 'cn-hangzhou': 'cn-shanghai' },
	},
};

export function productByApiVersion(apiVersion: string): Product | undefined {
	return Object.values(PRODUCTS).find((product) => product.apiVersion === apiVersion);
}

/** The regions the product is offered in, served from their own host or from another region's. */
export function regionsOffering(product: Product): string[] {
	return [...product.regions, ...Object.keys(product.servedFrom)];
}

/** The public endpoint of the product for the region, or undefined where the product is not offered. */
export function defaultEndpoint(product: Product, regionId: string): string | undefined {
	const hostRegion = product.regions.includes(regionId) ? regionId : product.servedFrom[regionId];
	return hostRegion ? `https://${product.code}.${hostRegion}.aliyuncs.com` : undefined;
}

const REGION_NAMES: Record<string, string> = {
	'cn-shanghai': 'China (Shanghai)',
	'cn-beijing': 'China (Beijing)',
	'cn-hangzhou': 'China (Hangzhou)',
	'cn-shenzhen': 'China (Shenzhen)',
	'cn-hongkong': 'China (Hong Kong)',
	'cn-north-2-gov-1': 'China North 2 Ali Gov 1',
	'ap-southeast-1': 'Singapore',
	'ap-southeast-5': 'Indonesia (Jakarta)',
	'ap-northeast-1': 'Japan (Tokyo)',
	'eu-central-1': 'Germany (Frankfurt)',
	'me-central-1': 'Saudi Arabia (Riyadh)',
	'us-west-1': 'US (Silicon Valley)',
};

export function regionName(regionId: string): string {
	return REGION_NAMES[regionId] ?? regionId;
}

/** What a region offers, as the credential's region list says it: "ICE and VOD", "VOD only", "ICE; VOD via …". */
function offering(regionId: string): string {
	const parts = Object.values(PRODUCTS).flatMap((product) => {
		if (product.regions.includes(regionId)) return [product.shortName];
		const host = product.servedFrom[regionId];
		return host ? [`${product.shortName} via ${host}`] : [];
	});
	if (parts.length === 1 && !parts[0].includes(' via ')) return `${parts[0]} only`;
	return parts.every((part) => !part.includes(' via ')) ? parts.join(' and ') : parts.join('; ');
}

/** Every region at least one product is offered in, ICE regions first. */
export const REGIONS: Array<{ id: string; name: string; offers: string }> = [
	...new Set(Object.values(PRODUCTS).flatMap(regionsOffering)),
].map((id) => ({ id, name: regionName(id), offers: offering(id) }));
