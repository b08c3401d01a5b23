import type { Db } from '../db/index.js';
import { firstFormOfKind, type MeasurementField } from '../forms/from-measurement-fields.js';

/**
 * A realistic demo catalog and inventory for one city (Hangzhou): what a fresh install and the
 * test suite run against. Operators replace it with their own catalog; every rule that uses it
 * (decomposition, design, dispatch) reads these tables, never product names.
 */
export const demoAreas = [
  { code: 'HZ-XH', name: 'Hangzhou Xihu' },
  { code: 'HZ-BJ', name: 'Hangzhou Binjiang' },
  { code: 'HZ-GS', name: 'Hangzhou Gongshu' },
];

export const demoAddresses = [
  { id: 'addr-xh-0001', area: 'HZ-XH', text: 'Wensan Road 90, Building 3, Unit 2, Room 501, Xihu, Hangzhou' },
  { id: 'addr-xh-0002', area: 'HZ-XH', text: 'Tianmushan Road 148, Room 1203, Xihu, Hangzhou' },
  { id: 'addr-bj-0001', area: 'HZ-BJ', text: 'Jiangnan Avenue 588, Tower B, Floor 9, Binjiang, Hangzhou' },
  { id: 'addr-gs-0001', area: 'HZ-GS', text: 'Moganshan Road 1177, Room 302, Gongshu, Hangzhou' },
];

export const demoCustomers = [
  { id: 'cust-1001', name: 'Li Wei', tier: 'ordinary', vip: false, blacklisted: false, arrears_cents: 0, credit_limit_cents: 50_000 },
  { id: 'cust-1002', name: 'Wang Fang', tier: 'gold', vip: false, blacklisted: false, arrears_cents: 0, credit_limit_cents: 200_000 },
  { id: 'cust-1003', name: 'Zhang Min', tier: 'diamond', vip: true, blacklisted: false, arrears_cents: 0, credit_limit_cents: 1_000_000 },
  { id: 'cust-2001', name: 'Hangzhou Lakeside Logistics Co.', tier: 'gold', vip: true, blacklisted: false, arrears_cents: 0, credit_limit_cents: 5_000_000 },
  { id: 'cust-9001', name: 'Chen Jun', tier: 'ordinary', vip: false, blacklisted: true, blacklist_reason: 'fraudulent subscription 2025-03', arrears_cents: 0, credit_limit_cents: 0 },
  { id: 'cust-9002', name: 'Zhao Lei', tier: 'silver', vip: false, blacklisted: false, arrears_cents: 86_000, credit_limit_cents: 20_000 },
];

/** Each kind's measurements become the first version of its step's form (designers edit it from there). */
export const demoWorkOrderKinds: { kind: string; name: string; skill: string; measurement_fields: MeasurementField[] }[] = [
  { kind: 'line', name: 'Line work (drop fibre)', skill: 'line',
    measurement_fields: [{ name: 'fiberLengthM', type: 'number', required: true, min: 0, max: 5000, unit: 'm' }] },
  { kind: 'installation', name: 'Installation at the customer premises', skill: 'installation',
    measurement_fields: [{ name: 'deviceSerial', type: 'string', required: true }] },
  { kind: 'nm-config', name: 'Network-management configuration', skill: 'network',
    measurement_fields: [{ name: 'configReference', type: 'string', required: false }] },
  { kind: 'repair', name: 'Fault repair', skill: 'line',
    measurement_fields: [
      { name: 'cause', type: 'string', required: true },
      { name: 'opticalPowerDbm', type: 'number', required: true, min: -30, max: -8, unit: 'dBm' },
    ] },
  { kind: 'measurement', name: 'Measurement and acceptance test', skill: 'measurement',
    measurement_fields: [
      { name: 'opticalPowerDbm', type: 'number', required: true, min: -30, max: -8, unit: 'dBm' },
      { name: 'downloadMbps', type: 'number', required: true, min: 0, max: 10000, unit: 'Mbit/s' },
    ] },
  // Construction (R1.4): building a site, then its acceptance test (验收) before the new resources are archived.
  { kind: 'site-construction', name: 'Construction work at a site (施工)', skill: 'construction',
    measurement_fields: [
      { name: 'portsInstalled', type: 'number', required: true, min: 0, max: 10000 },
      { name: 'asBuiltReference', type: 'string', required: false },
    ] },
  { kind: 'acceptance-test', name: 'Acceptance test of new capacity (验收)', skill: 'measurement',
    measurement_fields: [
      { name: 'portsTested', type: 'number', required: true, min: 1, max: 10000 },
      { name: 'opticalPowerDbm', type: 'number', required: true, min: -30, max: -8, unit: 'dBm' },
      { name: 'insertionLossDb', type: 'number', required: true, min: 0, max: 40, unit: 'dB' },
    ] },
];

export const demoResourceSpecs = [
  { id: 'access-line', name: 'FTTH access line', network_resource_types: ['pon_port', 'splitter_port', 'line_segment'], work_order_kinds: ['line', 'installation', 'measurement'] },
  { id: 'internet-account', name: 'Internet access account', network_resource_types: ['ip_address', 'vlan'], work_order_kinds: ['nm-config'] },
  { id: 'iptv-account', name: 'IPTV multicast account', network_resource_types: ['vlan'], work_order_kinds: ['nm-config', 'installation'] },
  { id: 'voice-line', name: 'Voice line (IMS)', network_resource_types: ['phone_number'], work_order_kinds: ['nm-config'] },
  { id: 'leased-circuit', name: 'Leased-line circuit', network_resource_types: ['line_segment', 'vlan', 'ip_address'], work_order_kinds: ['line', 'nm-config', 'measurement'] },
];

export const demoServiceSpecs = [
  { id: 'ftth-access', name: 'FTTH access', resources: ['access-line'] },
  { id: 'internet-300m', name: 'Internet 300 Mbit/s', resources: ['internet-account'] },
  { id: 'iptv', name: 'IPTV', resources: ['iptv-account'] },
  { id: 'fixed-voice', name: 'Fixed voice', resources: ['voice-line'] },
  { id: 'leased-line-100m', name: 'Leased line 100 Mbit/s', resources: ['leased-circuit'] },
];

export const demoOfferings = [
  { id: 'ftth-300m', name: 'FTTH Broadband 300M', description: 'Fibre broadband, 300 Mbit/s down', is_bundle: false,
    services: [{ id: 'ftth-access', role: 'main' }, { id: 'internet-300m', role: 'addon' }] },
  { id: 'iptv-addon', name: 'IPTV add-on', description: 'IPTV on an FTTH line', is_bundle: false,
    services: [{ id: 'ftth-access', role: 'main' }, { id: 'iptv', role: 'addon' }] },
  { id: 'fixed-voice', name: 'Fixed voice', description: 'Fixed-line telephone over FTTH', is_bundle: false,
    services: [{ id: 'ftth-access', role: 'main' }, { id: 'fixed-voice', role: 'addon' }] },
  { id: 'home-package', name: 'Smart Home package', description: 'Broadband 300M + IPTV + fixed voice on one fibre', is_bundle: true,
    children: ['ftth-300m', 'iptv-addon', 'fixed-voice'], services: [] },
  { id: 'enterprise-leased-line', name: 'Enterprise leased line 100M', description: 'Dedicated 100 Mbit/s circuit', is_bundle: false,
    services: [{ id: 'leased-line-100m', role: 'main' }] },
];

/** The store construction designs draw on (R1.4). */
export const demoMaterials = [
  { id: 'olt-pon-board-16', name: 'OLT 16-port GPON service board', unit: 'pcs', on_hand: 40 },
  { id: 'splitter-1x8', name: 'PLC splitter 1:8', unit: 'pcs', on_hand: 400 },
  { id: 'fibre-cable-24c', name: 'Fibre cable, 24 cores', unit: 'm', on_hand: 200_000 },
  { id: 'fdb-box', name: 'Fibre distribution box', unit: 'pcs', on_hand: 150 },
];

const skills = ['line', 'installation', 'network', 'measurement', 'construction'];

/** Upserts the demo data; safe to run at every start. Inventory rows are only added, never reset. */
export async function seedDemoData(db: Db): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('areas').insert(demoAreas).onConflict('code').merge();
    await trx('addresses').insert(demoAddresses).onConflict('id').merge();
    await trx('customers').insert(demoCustomers).onConflict('id').merge();
    await trx('work_order_kinds')
      .insert(demoWorkOrderKinds.map(({ kind, name, skill }) => ({ kind, name, skill })))
      .onConflict('kind').merge();
    // Forms and links are only added: what designers published and linked since stays.
    const forms = demoWorkOrderKinds.map(firstFormOfKind);
    await trx('forms').insert(forms.map((f) => ({ id: f.id, name: f.name, created_by: 'demo data' }))).onConflict('id').ignore();
    await trx('form_versions')
      .insert(forms.map((f) => ({ form_id: f.id, version: 1, schema: JSON.stringify(f.schema), created_by: 'demo data' })))
      .onConflict(['form_id', 'version']).ignore();
    await trx('step_forms').insert(forms.map((f) => ({ step: f.step, form_id: f.id, version: 1, linked_by: 'demo data' }))).onConflict('step').ignore();
    await trx('resource_specs').insert(demoResourceSpecs).onConflict('id').merge();
    await trx('service_specs').insert(demoServiceSpecs.map(({ id, name }) => ({ id, name }))).onConflict('id').merge();
    await trx('service_resource_specs')
      .insert(demoServiceSpecs.flatMap((s) => s.resources.map((r) => ({ service_spec_id: s.id, resource_spec_id: r }))))
      .onConflict(['service_spec_id', 'resource_spec_id']).ignore();
    await trx('product_offerings')
      .insert(demoOfferings.map(({ id, name, description, is_bundle }) => ({ id, name, description, is_bundle })))
      .onConflict('id').merge();
    await trx('offering_services')
      .insert(demoOfferings.flatMap((o) => o.services.map((s) => ({ offering_id: o.id, service_spec_id: s.id, role: s.role }))))
      .onConflict(['offering_id', 'service_spec_id']).ignore();
    await trx('offering_bundle_items')
      .insert(demoOfferings.flatMap((o) => (o.children ?? []).map((c) => ({ bundle_id: o.id, child_id: c }))))
      .onConflict(['bundle_id', 'child_id']).ignore();
    await trx('crews')
      .insert(demoAreas.flatMap((a) => skills.map((s) => ({
        id: `crew-${a.code.toLowerCase()}-${s}`, name: `${a.name} ${s} crew`, area: a.code, skills: [s],
      }))))
      .onConflict('id').merge();
    const inventory = demoAreas.flatMap((a, ai) => [
      ...range(32).map((i) => ({ type: 'pon_port', area: a.code, name: `OLT-${a.code}-01/1/${1 + Math.floor(i / 8)}/${1 + (i % 8)}` })),
      ...range(64).map((i) => ({ type: 'splitter_port', area: a.code, name: `SPL-${a.code}-${String(1 + Math.floor(i / 8)).padStart(3, '0')}:${1 + (i % 8)}` })),
      ...range(64).map((i) => ({ type: 'line_segment', area: a.code, name: `DROP-${a.code}-${String(i + 1).padStart(4, '0')}` })),
      ...range(64).map((i) => ({ type: 'ip_address', area: a.code, name: `10.${20 + ai}.${Math.floor(i / 250)}.${(i % 250) + 2}` })),
      ...range(128).map((i) => ({ type: 'vlan', area: a.code, name: `VLAN-${1000 + ai * 1000 + i}` })),
      ...range(64).map((i) => ({ type: 'phone_number', area: a.code, name: `0571-8${ai}${String(i).padStart(6, '0')}` })),
    ]);
    await trx('network_resources').insert(inventory).onConflict(['type', 'area', 'name']).ignore();
    // Each splitter is an element of its own, its eight ports under it: a splitter failure takes all eight lines down.
    const splitters = demoAreas.flatMap((a) => range(8).map((i) => ({ type: 'splitter', area: a.code, name: `SPL-${a.code}-${String(i + 1).padStart(3, '0')}` })));
    await trx('network_resources').insert(splitters).onConflict(['type', 'area', 'name']).ignore();
    await trx.raw(`UPDATE network_resources p SET parent_id = s.id FROM network_resources s
      WHERE p.type = 'splitter_port' AND p.parent_id IS NULL AND s.type = 'splitter' AND s.area = p.area AND split_part(p.name, ':', 1) = s.name`);
    // Like the inventory, the store is stocked once; what constructions took from it stays taken.
    await trx('materials').insert(demoMaterials).onConflict('id').ignore();
  });
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
