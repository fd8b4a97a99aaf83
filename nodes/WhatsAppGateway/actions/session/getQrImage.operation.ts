import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { offers, runAdapterOperation } from '../adapterOperation';
import { optionsCollection } from '../common.descriptions';
import { binaryOutputProperty } from '../fields';

const properties: INodeProperties[] = [binaryOutputProperty, optionsCollection()];

export const getQrImageOperation: OperationDefinition = {
	resource: 'session',
	operation: 'getQrImage',
	name: 'Get QR Image',
	action: 'Get the QR code as an image',
	description: 'Download the QR code to scan as a PNG file (binary)',
	properties,
	isSupported: offers('session.getQrImage'),
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
		return await runAdapterOperation(ctx, adapter, 'session.getQrImage', { binaryPropertyName });
	},
};
