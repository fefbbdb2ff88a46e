/** The operations table: the declared job families (kinds/) and the account-level actions beside them. */
import { familyOperations } from '../engine/operations';
import type { Product } from '../engine/format';
import { FAMILIES } from '../kinds';
import { getEventCallback, getMessageCallback, setEventCallback, setMessageCallback } from './callbacks';
import { listEditingProjects, listPipelines, listTemplates } from './catalogue';
import { Operation } from './context';

export type { Product } from '../engine/format';

export const PRODUCT_VERSIONS: Record<string, Product> = { '2020-11-09': 'ICE', '2017-03-21': 'VOD' };

const jobOperations = familyOperations(FAMILIES);

export const OPERATIONS: Record<Product, Record<string, Operation>> = {
	ICE: {
		...jobOperations.ICE,
		ListTemplates: listTemplates,
		ListPipelines: listPipelines,
		ListEditingProjects: listEditingProjects,
		SetEventCallback: setEventCallback,
		GetEventCallback: getEventCallback,
	},
	VOD: {
		...jobOperations.VOD,
		SetMessageCallback: setMessageCallback,
		GetMessageCallback: getMessageCallback,
	},
};

export type { Operation, OperationContext } from './context';
