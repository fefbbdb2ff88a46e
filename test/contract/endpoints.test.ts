/**
 * Where each node's requests go, per product and region, against the contract's endpoint tables (Alibaba's
 * endpoint pages): the documented host, the one mapping Alibaba makes to another region's host, or an error
 * naming the product and the region before anything is sent.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { resolveTargetUrl } from '../../credentials/acs3/authenticate';
import { PRODUCTS, REGIONS, defaultEndpoint } from '../../alibaba/products';
import { describeWithContract, loadContract } from '../support/contract';

const CREDENTIALS: ICredentialDataDecryptedObject = { accessKeyId: 'LTAI-endpoints', accessKeySecret: 'secret' };
/** The one host Alibaba maps a region to that is not the region's own: VOD has no cn-hangzhou endpoint. */
const MAPPED: Record<string, string> = { 'vod/cn-hangzhou': 'vod.cn-shanghai.aliyuncs.com' };

function urlFor(code: 'ice' | 'vod', region: string): string {
	const headers = { 'x-acs-action': 'Probe', 'x-acs-version': PRODUCTS[code].apiVersion };
	return resolveTargetUrl({ ...CREDENTIALS, region }, { url: '/', headers } as IHttpRequestOptions).href;
}

describeWithContract('endpoints per product and region', () => {
	const contract = loadContract();
	const regions = new Set(['eu-west-1', 'ap-south-1', ...REGIONS.map((region) => region.id)]);
	for (const { endpoints } of Object.values(contract.products)) {
		Object.keys(endpoints.documented_regions).forEach((id) => regions.add(id));
	}
	const pairs = [...regions].flatMap((region) => (['ice', 'vod'] as const).map((code) => [code, region] as const));

	it.each(pairs)('%s in %s: the documented host, Alibaba’s mapping, or a clear error', (code, region) => {
		const product = PRODUCTS[code];
		const expected =
			contract.products[product.shortName].endpoints.documented_regions[region]?.host ?? MAPPED[`${code}/${region}`];
		if (expected) {
			expect(urlFor(code, region)).toBe(`https://${expected}/`);
			expect(defaultEndpoint(product, region)).toBe(`https://${expected}`);
		} else {
			expect(() => urlFor(code, region)).toThrow(
				new RegExp(
					`^${product.name.replace(/[()]/g, '\\$&')} is not offered in the region .* \\(${region}\\) of the Alibaba Cloud credential\\. It is offered in `,
				),
			);
			expect(defaultEndpoint(product, region)).toBeUndefined();
		}
	});

	it('the credential lists exactly the regions where at least one product is documented', () => {
		expect(new Set(REGIONS.map((region) => region.id))).toEqual(
			new Set([
				...Object.keys(contract.products.ICE.endpoints.documented_regions),
				...Object.keys(contract.products.VOD.endpoints.documented_regions),
			]),
		);
	});
});
