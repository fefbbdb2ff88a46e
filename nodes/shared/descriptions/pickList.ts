import type { INodeProperties } from 'n8n-workflow';

/**
 * A pick-list field: "From List" (searchable, paged by the list method) or "By ID". There is no "By URL" mode: the
 * console pages of these resources have no documented URL form to read an ID out of.
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
		],
	};
}
