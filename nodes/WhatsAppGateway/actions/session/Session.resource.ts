import type { ResourceDefinition } from '../types';
import { getProfileOperation } from './getProfile.operation';
import { getQrCodeOperation } from './getQrCode.operation';
import { getQrImageOperation } from './getQrImage.operation';
import { getStatusOperation } from './getStatus.operation';
import { logoutOperation } from './logout.operation';
import { restartOperation } from './restart.operation';

export const sessionResource: ResourceDefinition = {
	value: 'session',
	name: 'Session',
	operations: [
		getProfileOperation,
		getQrCodeOperation,
		getQrImageOperation,
		getStatusOperation,
		logoutOperation,
		restartOperation,
	],
};
