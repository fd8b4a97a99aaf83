import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';
import { binaryOutputProperty } from '../fields';

const properties: INodeProperties[] = [binaryOutputProperty, optionsCollection()];

export const getQrCodeOperation: OperationDefinition = {
	resource: 'session',
	operation: 'getQrCode',
	name: 'Get QR Code',
	action: 'Get the QR code to link WhatsApp',
	description:
		'Get the QR code to scan, as a base64 data URL and as a PNG file (binary), to e-mail or post it',
	properties,
	isSupported: offers('session.getQrCode'),
	async execute(ctx, adapter) {
		const binaryPropertyName = String(
			ctx.param<unknown>('binaryPropertyName', 'data') ?? '',
		).trim();
		if (!binaryPropertyName)
			ctx.fail(
				'Put Output File in Field',
				'Put Output File in Field is empty',
				'Enter the name of the binary field for the image, e.g. "data".',
			);
		return await runAdapterOperation(ctx, adapter, 'session.getQrCode', { binaryPropertyName });
	},
};
