import type { IDataObject } from 'n8n-workflow';

import {
	InvalidFieldError,
	httpUrl,
	isBlank,
	maxUtf8Bytes,
	optionalJsonObject,
	USER_DATA_MAX_BYTES,
} from '../shared/helpers/validation';

/**
 * UserData as SubmitMediaProducingJob gets it: the User Data object with the Notify Address (callback URL)
 * merged in as NotifyAddress, at most 512 bytes once serialized. Undefined when both are empty.
 */
export function userDataWithNotifyAddress(
	userDataValue: unknown,
	notifyAddressValue: unknown,
	labels: { userData: string; notifyAddress: string },
): string | undefined {
	const userData = optionalJsonObject(userDataValue, labels.userData) ?? {};
	if (!isBlank(notifyAddressValue)) {
		const notifyAddress = httpUrl(notifyAddressValue, labels.notifyAddress);
		if (userData.NotifyAddress !== undefined && userData.NotifyAddress !== notifyAddress) {
			throw new InvalidFieldError(
				labels.notifyAddress,
				`conflicts with the NotifyAddress already in ${labels.userData} ("${String(userData.NotifyAddress)}"); set it in one place only`,
			);
		}
		userData.NotifyAddress = notifyAddress;
	}
	if (Object.keys(userData as IDataObject).length === 0) return undefined;
	return maxUtf8Bytes(JSON.stringify(userData), labels.userData, USER_DATA_MAX_BYTES);
}
