import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateMeasurements, type MeasurementField } from '../../../src/work-orders/measurements.js';

const fields: MeasurementField[] = [
  { name: 'opticalPowerDbm', type: 'number', required: true, min: -30, max: -8, unit: 'dBm' },
  { name: 'deviceSerial', type: 'string', required: false },
];

test('measurements: required, type, range and unknown fields are reported; a good set passes', () => {
  assert.deepEqual(validateMeasurements(fields, { opticalPowerDbm: -20, deviceSerial: 'X1' }), []);
  assert.deepEqual(validateMeasurements(fields, {}), ['measurements.opticalPowerDbm is required']);
  assert.deepEqual(validateMeasurements(fields, { opticalPowerDbm: '-20' }), ['measurements.opticalPowerDbm must be a number']);
  assert.deepEqual(validateMeasurements(fields, { opticalPowerDbm: -3 }), ['measurements.opticalPowerDbm must be at most -8 dBm']);
  assert.deepEqual(validateMeasurements(fields, { opticalPowerDbm: -20, colour: 'red' }), ['measurements.colour is not a field of this work order']);
});
