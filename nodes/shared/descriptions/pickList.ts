import type { INodeProperties } from 'n8n-workflow';

/**
 * A pick-list field: "From List" (searchable, paged by the list method), "By ID", or "By URL": any address with the
 * resource's 32-character ID in it (a console page, a link in a ticket). Alibaba documents no console URL format,
 * so the ID is found by its own shape rather than by its place in the address. Nodes read the field with n8n's
 * `extractValue`, which gives the ID in every mode (and a plain ID as it is).
 */
export function pickListField(field: {
	displayName: string;
	name: string;
	searchListMethod: string;
	placeholder: string;
	description: string;
	required?: boolean;
	displayOptions?: INodeProperties['displayOptions'];
}): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: field.required,
		description: field.description,
		displayOptions: field.displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${field.displayName.replace(/ ID$/, '').toLowerCase()}...`,
				typeOptions: { searchListMethod: field.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: field.placeholder,
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://ims.console.aliyun.com/…/<32-character ID>',
				extractValue: { type: 'regex', regex: '(?:^|[^0-9a-fA-F])([0-9a-fA-F]{32})(?![0-9a-fA-F])' },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '.*[0-9a-fA-F]{32}.*',
							errorMessage: 'The address must contain the 32-character ID',
						},
					},
				],
			},
		],
	};
}
