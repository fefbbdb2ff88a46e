/**
 * The two Alibaba Cloud products this package talks to. Both speak the RPC style over POST, so a product is
 * fully described by its API version (sent as `x-acs-version`) and the host name of its public endpoint.
 */
export type ProductCode = 'ice' | 'vod';

export interface Product {
	code: ProductCode;
	name: string;
	apiVersion: string;
	/** Name of the credential field that overrides the endpoint for this product. */
	endpointOverrideField: 'iceEndpoint' | 'vodEndpoint';
	defaultEndpoint(regionId: string): string;
}

export const PRODUCTS: Record<ProductCode, Product> = {
	ice: {
		code: 'ice',
		name: 'Intelligent Media Services (ICE)',
		apiVersion: '2020-11-09',
		endpointOverrideField: 'iceEndpoint',
		defaultEndpoint: (regionId) => `https://ice.${regionId}.aliyuncs.com`,
	},
	vod: {
		code: 'vod',
		name: 'ApsaraVideo VOD',
		apiVersion: '2017-03-21',
		endpointOverrideField: 'vodEndpoint',
		defaultEndpoint: (regionId) => `https://vod.${regionId}.aliyuncs.com`,
	},
};

export function productByApiVersion(apiVersion: string): Product | undefined {
	return Object.values(PRODUCTS).find((product) => product.apiVersion === apiVersion);
}

/** Regions where Intelligent Media Services is offered (VOD is offered in each of them too). */
export const REGIONS: Array<{ id: string; name: string }> = [
	{ id: 'cn-shanghai', name: 'China (Shanghai)' },
	{ id: 'cn-beijing', name: 'China (Beijing)' },
	{ id: 'cn-hangzhou', name: 'China (Hangzhou)' },
	{ id: 'cn-shenzhen', name: 'China (Shenzhen)' },
	{ id: 'ap-southeast-1', name: 'Singapore' },
	{ id: 'ap-northeast-1', name: 'Japan (Tokyo)' },
	{ id: 'eu-central-1', name: 'Germany (Frankfurt)' },
	{ id: 'us-west-1', name: 'US (Silicon Valley)' },
];
