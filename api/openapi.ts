/**
 * The OpenAPI 3.0.3 description of every route `api/app.ts` mounts, served at `GET /api-docs`.
 *
 * Resource shapes and state enumerations come from the TM Forum Open API specifications
 * (TMF622 Product Ordering v4.0.0, TMF697 Work Order v4.0.0, TMF688 Event v4.0.0, TMF620
 * Product Catalog), narrowed to what the route code really accepts and produces.
 * `tests/api/openapi.test.ts` fails when a route is added without being described here, and
 * `tests/support/openapi.ts` validates request and response bodies against these schemas.
 *
 * Schema conventions: OpenAPI 3.0 (`nullable: true` always next to a `type`). Where a rule of
 * the request validation cannot be written in OpenAPI 3.0, it is stated in the description and,
 * for "some element of this array must match", in the `x-contains` extension (a JSON Schema
 * `contains`, which the test support applies).
 */

import { constructionSources, constructionStates } from '../src/construction/schema.js';
import { networkResourceTypes } from '../src/inventory/reservations.js';
import { postTaskForms } from '../src/post-tasks/forms.js';
import { SUBJECT_TYPES } from '../src/work-orders/subjects.js';

/** A JSON Schema object as OpenAPI 3.0 allows it (plus `x-` extensions). */
export type SchemaObject = { [keyword: string]: unknown };
export type RefObject = {
  $ref: string;
}
export interface MediaTypeObject {
  schema: SchemaObject;
}
export interface ResponseObject {
  description: string;
  headers?: Record<string, RefObject | { description: string; schema: SchemaObject; required?: boolean }>;
  content?: Record<string, MediaTypeObject>;
}
export interface RequestBodyObject {
  description?: string;
  required: boolean;
  content: Record<string, MediaTypeObject>;
}
export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: (RefObject | SchemaObject)[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject | RefObject>;
  callbacks?: Record<string, Record<string, Record<string, unknown>>>;
  [extension: `x-${string}`]: unknown;
}
export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof httpMethods)[number];
export type PathItemObject = Partial<Record<HttpMethod, OperationObject>> & { parameters?: (RefObject | SchemaObject)[] };
export interface OpenApiDocument {
  openapi: '3.0.3';
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, PathItemObject>;
  components: {
    securitySchemes: Record<string, SchemaObject>;
    parameters: Record<string, SchemaObject>;
    headers: Record<string, { description: string; schema: SchemaObject; required?: boolean }>;
    responses: Record<string, ResponseObject>;
    schemas: Record<string, SchemaObject>;
  };
}

// --- small builders ------------------------------------------------------------------------------

const schemaRef = (name: string): RefObject => ({ $ref: `#/components/schemas/${name}` });
const paramRef = (name: string): RefObject => ({ $ref: `#/components/parameters/${name}` });
const responseRef = (name: string): RefObject => ({ $ref: `#/components/responses/${name}` });
const headerRef = (name: string): RefObject => ({ $ref: `#/components/headers/${name}` });
const jsonContent = (schema: SchemaObject) => ({ 'application/json': { schema } });
const arrayOf = (items: SchemaObject, extra: SchemaObject = {}): SchemaObject => ({ type: 'array', items, ...extra });
const str = (extra: SchemaObject = {}): SchemaObject => ({ type: 'string', ...extra });
const nullableStr = (extra: SchemaObject = {}): SchemaObject => ({ type: 'string', nullable: true, ...extra });
const dateTime = (description: string): SchemaObject => ({ type: 'string', format: 'date-time', description });
const constant = (value: string, description?: string): SchemaObject => ({
  type: 'string', enum: [value], ...(description ? { description } : {}),
});

/** Every response carries the request id (the client's `X-Request-Id`, or a generated UUID). */
function response(description: string, schema?: SchemaObject, headers: Record<string, RefObject> = {}): ResponseObject {
  return {
    description,
    headers: { 'X-Request-Id': headerRef('XRequestId'), ...headers },
    ...(schema ? { content: jsonContent(schema) } : {}),
  };
}

const pathId = (description: string, schema: SchemaObject = str()): SchemaObject => ({
  name: 'id', in: 'path', required: true, description, schema,
});
const filter = (name: string, description: string, schema: SchemaObject = str()): SchemaObject => ({
  name, in: 'query', required: false, description: `${description} Exact match; may appear once.`, schema,
});
const listParams = [paramRef('Fields'), paramRef('Offset'), paramRef('Limit'), paramRef('Sort')];
const listHeaders = { 'X-Total-Count': headerRef('XTotalCount'), 'X-Result-Count': headerRef('XResultCount') };
const listDescription =
  'TMF630 list conventions: `offset`/`limit` paging (limit defaults to 100 and is capped at 1000), `fields` projection, ' +
  'and `attribute=value` filters on the attributes listed below only; any other query parameter is a 400.';
const uuidNote = 'Ids are UUIDs; any other value is treated as unknown.';
const roles = (...r: string[]) => `Roles: ${r.join(', ')} (an admin key may do everything).`;

// --- TM Forum enumerations (copied verbatim from the swagger specifications) ---------------------

/** TMF622 v4.0.0 `ProductOrderStateType`. */
const productOrderStates = [
  'acknowledged', 'rejected', 'pending', 'held', 'inProgress', 'cancelled', 'completed', 'failed', 'partial',
  'assessingCancellation', 'pendingCancellation',
];
/** TMF622 v4.0.0 `ProductOrderItemStateType` (no `partial`). */
const productOrderItemStates = [
  'acknowledged', 'rejected', 'pending', 'held', 'inProgress', 'cancelled', 'completed', 'failed',
  'assessingCancellation', 'pendingCancellation',
];
/** TMF622 / TMF697 v4.0.0 `OrderItemActionType`. */
const orderItemActions = ['add', 'modify', 'delete', 'noChange'];
/** TMF697 v4.0.0 `WorkOrderStateType` (identical to `WorkOrderItemStateType`). */
const workOrderStates = [
  'acknowledged', 'rejected', 'pending', 'held', 'inProgress', 'cancelled', 'completed', 'failed', 'partial',
  'assessingCancellation', 'pendingCancellation',
];
/** src/network/elements.ts and src/subscribers/schema.ts. */
const serviceTypes = ['fixed-voice', 'mobile-voice', 'mobile-data', 'broadband'];
const elementKinds = ['switch', 'hlr-hss', 'bras'];
const subscriberCommandStates = ['received', 'inProgress', 'completed', 'skipped'];
/** `roles` in src/auth/keys.ts. */
const apiKeyRoles = ['admin', 'dispatcher', 'designer', 'crew', 'crm', 'billing', 'nms', 'planning'];

/** Case-insensitive exact match, as the request validation compares roles (`toLowerCase()`). */
const caseInsensitive = (word: string) => `^${[...word].map((c) => `[${c.toUpperCase()}${c.toLowerCase()}]`).join('')}$`;

/** One published version of a form (inline, so it can be nullable and described where it is used). */
const formRef = (description: string, nullable = false): SchemaObject => ({
  type: 'object',
  ...(nullable ? { nullable: true } : {}),
  description,
  required: ['id', 'version'],
  additionalProperties: false,
  properties: { id: str({ minLength: 1, maxLength: 63 }), version: { type: 'integer', minimum: 1 } },
});

// --- schemas -------------------------------------------------------------------------------------

const schemas: Record<string, SchemaObject> = {
  Error: {
    type: 'object',
    description:
      'TMF error shape, produced for every failure (api/errors.ts). `code` and `status` are both the HTTP status as a string.',
    required: ['code', 'reason', 'message', 'status', '@type'],
    additionalProperties: false,
    properties: {
      code: str({ pattern: '^[1-5][0-9][0-9]$', description: 'The HTTP status code, as a string.', example: '400' }),
      reason: str({ description: 'The HTTP reason phrase, e.g. "Bad Request".' }),
      message: str({ description: 'What went wrong and how to correct it.' }),
      status: str({ pattern: '^[1-5][0-9][0-9]$', description: 'The HTTP status code, as a string.' }),
      details: {
        type: 'array',
        description:
          'Present on some 400s and 422s only: request validation problems as `{ path, message }` objects, a work ' +
          'order\'s measurement problems or a form\'s publishing problems as strings, or the lint errors of a refused diagram (`LintProblem`).',
        items: {
          oneOf: [
            schemaRef('LintProblem'),
            {
              type: 'object',
              required: ['path', 'message'],
              additionalProperties: false,
              properties: {
                path: str({ description: 'Dotted path of the offending attribute; empty for the whole body.' }),
                message: str(),
              },
            },
            str(),
          ],
        },
      },
      '@type': constant('Error'),
    },
  },

  // TMF622 ---------------------------------------------------------------------------------------
  ProductOrderStateType: {
    type: 'string',
    description: 'TMF622 ProductOrderStateType: possible values for the state of the order.',
    enum: productOrderStates,
  },
  ProductOrderItemStateType: {
    type: 'string',
    description: 'TMF622 ProductOrderItemStateType: possible values for the state of the product order item.',
    enum: productOrderItemStates,
  },
  OrderItemActionType: {
    type: 'string',
    description: 'TMF622 OrderItemActionType: the action to be carried out on the product.',
    enum: orderItemActions,
  },
  RelatedParty: {
    type: 'object',
    description: 'TMF RelatedParty, as the order request carries it (other attributes are kept and echoed).',
    required: ['id'],
    properties: {
      id: str({ minLength: 1, maxLength: 200 }),
      role: str({ maxLength: 100, description: 'The order needs one party with role "Customer" (any letter case).' }),
      name: str({ maxLength: 500 }),
      '@referredType': str(),
    },
  },
  ProductOfferingRef: {
    type: 'object',
    description: 'Reference to a product offering of the catalog (GET /tmf-api/productCatalogManagement/v4/productOffering).',
    required: ['id'],
    properties: {
      id: str({ minLength: 1, maxLength: 200 }),
      name: str(),
    },
  },
  PlaceRef: {
    type: 'object',
    description: 'TMF RelatedPlaceRefOrValue. The order needs a place with role "installationAddress" and the address id.',
    required: ['role'],
    properties: {
      id: str({ minLength: 1, maxLength: 200 }),
      role: str({ minLength: 1, maxLength: 100 }),
    },
  },
  ProductRefOrValue: {
    type: 'object',
    description: 'TMF ProductRefOrValue; this service reads `place` only (other attributes are kept and echoed).',
    properties: {
      place: arrayOf(schemaRef('PlaceRef'), { maxItems: 10 }),
    },
  },
  Note: {
    type: 'object',
    required: ['text'],
    properties: { text: str({ maxLength: 4000 }) },
  },
  ProductOrderItem_Create: {
    type: 'object',
    description: 'TMF622 ProductOrderItem in a create request. Item ids must be unique within the order.',
    required: ['id', 'action', 'productOffering'],
    properties: {
      id: str({ minLength: 1, maxLength: 100 }),
      action: schemaRef('OrderItemActionType'),
      quantity: { type: 'integer', minimum: 1, maximum: 100, description: 'Defaults to 1.' },
      productOffering: schemaRef('ProductOfferingRef'),
      product: schemaRef('ProductRefOrValue'),
    },
  },
  ProductOrder_Create: {
    type: 'object',
    description:
      'TMF622 ProductOrder_Create (src/orders/schema.ts), with what this service needs to fulfil an order made required: ' +
      'a relatedParty with role "Customer" (any letter case), and an item whose `product.place` has role ' +
      '"installationAddress" (any letter case) and the address id. Item ids must be unique. Unknown offerings are a 400. ' +
      'Attributes not listed here are accepted, stored and echoed unchanged in the ProductOrder.',
    required: ['relatedParty', 'productOrderItem'],
    properties: {
      externalId: str({ maxLength: 200 }),
      priority: str({ pattern: '^[0-4]$', description: '"0" (highest) to "4" (lowest); default "4".' }),
      description: str({ maxLength: 4000 }),
      category: str({ maxLength: 200 }),
      requestedStartDate: dateTime('Requested start, with a UTC offset.'),
      requestedCompletionDate: dateTime('Requested completion, with a UTC offset.'),
      relatedParty: arrayOf(schemaRef('RelatedParty'), {
        minItems: 1,
        maxItems: 20,
        description: 'Must contain a party with role "Customer" (any letter case).',
        'x-contains': { type: 'object', required: ['role'], properties: { role: { type: 'string', pattern: caseInsensitive('customer') } } },
      }),
      productOrderItem: arrayOf(schemaRef('ProductOrderItem_Create'), {
        minItems: 1,
        maxItems: 50,
        description: 'One item at least must have `product.place` with role "installationAddress" (any letter case) and an id.',
        'x-contains': {
          type: 'object',
          required: ['product'],
          properties: {
            product: {
              type: 'object',
              required: ['place'],
              properties: {
                place: {
                  type: 'array',
                  'x-contains': {
                    type: 'object',
                    required: ['role', 'id'],
                    properties: {
                      role: { type: 'string', pattern: caseInsensitive('installationAddress') },
                      id: { type: 'string', minLength: 1 },
                    },
                  },
                },
              },
            },
          },
        },
      }),
      note: arrayOf(schemaRef('Note'), { maxItems: 50 }),
      channel: arrayOf({ type: 'object' }, { maxItems: 10 }),
    },
  },
  ProductOrderItem: {
    type: 'object',
    description:
      'TMF622 ProductOrderItem as returned: the item of the request echoed, with `quantity` defaulted, the offering name ' +
      'filled in from the catalog (unless the request named it) and the item state.',
    required: ['id', 'action', 'quantity', 'productOffering', 'state'],
    properties: {
      id: str(),
      action: schemaRef('OrderItemActionType'),
      quantity: { type: 'integer', minimum: 1 },
      productOffering: schemaRef('ProductOfferingRef'),
      product: schemaRef('ProductRefOrValue'),
      state: schemaRef('ProductOrderItemStateType'),
    },
  },
  ProductOrder: {
    type: 'object',
    description:
      'TMF622 ProductOrder (src/orders/representation.ts): the accepted ProductOrder_Create echoed unchanged (including ' +
      'attributes this service does not interpret), with id, href, state, stateReason, orderDate, completionDate, ' +
      'priority, the item states and @type filled in by the service. stateReason and completionDate are absent, not ' +
      'null, while the order has none.',
    required: ['id', 'href', 'state', 'orderDate', 'priority', 'relatedParty', 'productOrderItem', '@type'],
    additionalProperties: true,
    properties: {
      id: str({ format: 'uuid' }),
      href: str({ description: 'Path of the order: /tmf-api/productOrderingManagement/v4/productOrder/{id}.' }),
      state: schemaRef('ProductOrderStateType'),
      stateReason: str({ description: 'Why the order was rejected or failed.' }),
      orderDate: dateTime('When the order was accepted (stored and echoed as a string; the `orderDate` filter matches it exactly).'),
      completionDate: dateTime('When the order completed.'),
      mergedInto: {
        type: 'object',
        description: 'Extension (R3.3): this order duplicated one already in hand and was merged into it.',
        required: ['id', 'href'],
        additionalProperties: false,
        properties: { id: str({ format: 'uuid' }), href: str() },
      },
      priority: str({ pattern: '^[0-4]$', description: '"0" (highest) to "4" (lowest).' }),
      externalId: str(),
      description: str(),
      category: str(),
      requestedStartDate: str({ format: 'date-time' }),
      requestedCompletionDate: str({ format: 'date-time' }),
      relatedParty: arrayOf(schemaRef('RelatedParty'), { minItems: 1 }),
      productOrderItem: arrayOf(schemaRef('ProductOrderItem'), { minItems: 1 }),
      note: arrayOf(schemaRef('Note')),
      channel: arrayOf({ type: 'object' }),
      '@type': constant('ProductOrder'),
    },
  },

  // TMF688 hub and events ------------------------------------------------------------------------
  EventSubscriptionInput: {
    type: 'object',
    description: 'TMF688 EventSubscriptionInput: registers a listener for product order events (other attributes are ignored).',
    required: ['callback'],
    properties: {
      callback: str({ format: 'uri', maxLength: 2000, description: 'URL the service POSTs ProductOrderEvent notifications to.' }),
      query: nullableStr({
        maxLength: 2000,
        description:
          'Optional filter. Only `eventType=<type>[,<type>...]` is honoured (other parameters are ignored); absent or empty means every event.',
        example: 'eventType=ProductOrderStateChangeEvent',
      }),
    },
  },
  EventSubscription: {
    type: 'object',
    description: 'TMF688 EventSubscription: a registered listener.',
    required: ['id', 'callback', 'query'],
    additionalProperties: false,
    properties: {
      id: str({ format: 'uuid' }),
      callback: str(),
      query: nullableStr({ description: 'The query as registered; null when none was given.' }),
    },
  },
  ProductOrderEvent: {
    type: 'object',
    description:
      'TMF688 event envelope POSTed to every listener whose query wants the event type: TMF622 ProductOrderCreateEvent ' +
      'and ProductOrderStateChangeEvent, and the extension ProductOrderJeopardyEvent (a step of the order passed its ' +
      'pre-alarm or its limit; `event.alarm` says which). Delivered at least once (retried with back-off until the ' +
      'listener answers 2xx), in order per listener.',
    required: ['eventId', 'eventTime', 'eventType', 'event'],
    additionalProperties: false,
    properties: {
      eventId: str({ format: 'uuid', description: 'Unique per notification and listener; use it to drop duplicates.' }),
      eventTime: dateTime('When the event happened.'),
      eventType: { type: 'string', enum: ['ProductOrderCreateEvent', 'ProductOrderStateChangeEvent', 'ProductOrderAttributeValueChangeEvent', 'ProductOrderJeopardyEvent'] },
      event: {
        type: 'object',
        required: ['productOrder'],
        additionalProperties: false,
        properties: {
          productOrder: schemaRef('ProductOrder'),
          alarm: {
            type: 'object',
            description: 'Only on ProductOrderJeopardyEvent.',
            required: ['id', 'level', 'step', 'post', 'raisedAt'],
            additionalProperties: false,
            properties: {
              id: str({ format: 'uuid' }),
              level: { type: 'string', enum: ['pre-alarm', 'alarm'] },
              step: str(),
              post: str(),
              raisedAt: dateTime('When it was raised.'),
            },
          },
        },
      },
    },
  },

  // TMF697 ---------------------------------------------------------------------------------------
  WorkOrderStateType: {
    type: 'string',
    description:
      'TMF697 WorkOrderStateType. This service uses acknowledged (dispatched), inProgress (accepted by the crew), ' +
      'completed (closed by the crew) and cancelled.',
    enum: workOrderStates,
  },
  WorkOrderItemStateType: {
    type: 'string',
    description: 'TMF697 WorkOrderItemStateType.',
    enum: workOrderStates,
  },
  WorkOrder: {
    type: 'object',
    description:
      'TMF697 WorkOrder (toWorkOrder in api/routes/work-order.ts), @type FieldWorkOrder: one field task for a product ' +
      'order, a trouble ticket or a construction order, with the crew\'s measurements as an extension.',
    required: [
      'id', 'href', 'category', 'description', 'state', 'orderDate', 'place', 'relatedParty', 'relatedEntity',
      'workOrderItem', 'skill', 'note', '@type', '@baseType',
    ],
    additionalProperties: false,
    properties: {
      id: str({ format: 'uuid' }),
      href: str({ description: 'Path of the work order: /tmf-api/workOrderManagement/v4/workOrder/{id}.' }),
      category: str({ description: 'The work-order kind, e.g. line, installation, nm-config, measurement.' }),
      description: str({ description: 'The kind\'s name.' }),
      state: schemaRef('WorkOrderStateType'),
      orderDate: dateTime('When the work order was dispatched.'),
      startDate: dateTime('When the crew accepted it; absent before.'),
      completionDate: dateTime('When the crew closed it; absent before.'),
      place: arrayOf(
        {
          type: 'object',
          required: ['id', 'role'],
          additionalProperties: false,
          properties: { id: str({ description: 'Service area code.' }), role: constant('serviceArea') },
        },
        { maxItems: 1, description: 'The service area; empty when the order has none.' },
      ),
      relatedParty: arrayOf(
        {
          type: 'object',
          required: ['id', 'role', '@referredType'],
          additionalProperties: false,
          properties: { id: str({ description: 'Crew id.' }), role: constant('crew'), '@referredType': constant('Organization') },
        },
        { maxItems: 1, description: 'The crew it is dispatched to; empty when no crew of the skill serves the area.' },
      ),
      relatedEntity: arrayOf(
        {
          type: 'object',
          required: ['id', 'role', '@referredType'],
          additionalProperties: false,
          properties: {
            id: str(),
            href: str({ description: 'Present on the entry of what the work is for.' }),
            role: { type: 'string', enum: [...SUBJECT_TYPES, 'businessResource'] },
            '@referredType': { type: 'string', enum: ['ProductOrder', 'TroubleTicket', 'ConstructionOrder', 'Resource'] },
          },
        },
        {
          minItems: 1,
          maxItems: 2,
          description: 'What the work is for (first; role = its type) and, for a product order, the business resource.',
        },
      ),
      workOrderItem: arrayOf(
        {
          type: 'object',
          required: ['id', 'action', 'state', 'description'],
          additionalProperties: false,
          properties: {
            id: str(),
            action: schemaRef('OrderItemActionType'),
            state: schemaRef('WorkOrderItemStateType'),
            description: str(),
          },
        },
        { minItems: 1, maxItems: 1 },
      ),
      skill: str({ description: 'Crew skill the work needs.' }),
      priority: constant('emergency', 'Present on a major incident\'s repair (应急调度): dispatched ahead of all other work.'),
      measurements: {
        type: 'object',
        additionalProperties: true,
        description: 'What the crew recorded at close (fields defined per kind); absent before the close.',
      },
      form: formRef(
        'The form the crew fills in to close it: the version its step shows now (GET /api/v1/forms/{id}/versions/{version}); ' +
        'once closed, the version it was closed with. Absent when the step has no form.',
      ),
      result: str({ description: 'Outcome recorded at close ("done" unless the crew said otherwise); absent before.' }),
      note: arrayOf(
        { type: 'object', required: ['text'], additionalProperties: false, properties: { text: str() } },
        { maxItems: 1 },
      ),
      '@type': constant('FieldWorkOrder'),
      '@baseType': constant('WorkOrder'),
    },
  },
  WorkOrderAccept: {
    type: 'object',
    description: 'The crew accepts the work order (acknowledged → inProgress). Repeating it is harmless.',
    required: ['state'],
    additionalProperties: false,
    properties: { state: constant('inProgress') },
  },
  WorkOrderClose: {
    type: 'object',
    description:
      'The crew closes the work order (acknowledged or inProgress → completed) with the data of the form its step shows ' +
      '(the work order\'s `form`). The data is checked against that form version on the server, as the form-js viewer checks ' +
      'it: required, number, min/max, length, pattern, email/phone, options, date formats; a missing, mistyped, out-of-range ' +
      'or unknown value is a 400 listing the problems in `details`, and nothing is recorded.',
    required: ['state'],
    additionalProperties: false,
    properties: {
      state: constant('completed'),
      result: str({ maxLength: 200, description: 'Defaults to "done".' }),
      note: str({ maxLength: 4000 }),
      measurements: { type: 'object', additionalProperties: true, description: 'The form\'s data (form-js submit data); empty values are not kept.' },
      form: formRef('The form version the crew filled in. When the step shows another version by now, the close is a 409 and the crew fills in that one.'),
    },
  },
  WorkOrderReturn: {
    type: 'object',
    description: 'The crew gives an open work order back to dispatch, saying why.',
    required: ['reason'],
    additionalProperties: false,
    properties: { reason: str({ minLength: 3, maxLength: 1000, description: 'Why (at least 3 characters besides surrounding spaces).' }) },
  },
  WorkOrderAssign: {
    type: 'object',
    description: 'The dispatcher hands an open work order to a crew with the skill it needs.',
    required: ['crewId'],
    additionalProperties: false,
    properties: { crewId: str({ minLength: 1, maxLength: 100 }) },
  },
  WorkOrderPatch: {
    description: 'The two changes a PATCH may make, told apart by `state`.',
    oneOf: [schemaRef('WorkOrderAccept'), schemaRef('WorkOrderClose')],
    discriminator: {
      propertyName: 'state',
      mapping: { inProgress: '#/components/schemas/WorkOrderAccept', completed: '#/components/schemas/WorkOrderClose' },
    },
  },

  // TMF620 ---------------------------------------------------------------------------------------
  ProductOffering: {
    type: 'object',
    description: 'TMF620 ProductOffering (read-only): the catalog order review and decomposition run on.',
    required: [
      'id', 'href', 'name', 'description', 'isBundle', 'isSellable', 'lifecycleStatus', 'version', 'lastUpdate',
      'bundledProductOffering', 'productSpecification', 'serviceCandidate', '@type',
    ],
    additionalProperties: false,
    properties: {
      id: str(),
      href: str({ description: 'Path of the offering: /tmf-api/productCatalogManagement/v4/productOffering/{id}.' }),
      name: str(),
      description: nullableStr(),
      isBundle: { type: 'boolean' },
      isSellable: { type: 'boolean' },
      lifecycleStatus: str({ example: 'Active' }),
      version: str(),
      lastUpdate: str({ format: 'date-time' }),
      bundledProductOffering: arrayOf(
        {
          type: 'object',
          required: ['id', 'href'],
          additionalProperties: false,
          properties: { id: str(), href: str() },
        },
        { description: 'The offerings a bundle is made of; empty for a single offering.' },
      ),
      productSpecification: {
        type: 'object',
        required: ['id', 'name', '@referredType'],
        additionalProperties: false,
        properties: { id: str(), name: str(), '@referredType': constant('ProductSpecification') },
      },
      serviceCandidate: arrayOf(
        {
          type: 'object',
          required: ['id', 'role', '@referredType'],
          additionalProperties: false,
          properties: {
            id: str({ description: 'Service specification id.' }),
            role: { type: 'string', enum: ['main', 'addon'] },
            '@referredType': constant('ServiceCandidate'),
          },
        },
        { description: 'The services the offering itself brings (a bundle\'s children bring theirs).' },
      ),
      '@type': constant('ProductOffering'),
    },
  },

  // Service-specific -----------------------------------------------------------------------------
  TraceEntry: {
    type: 'object',
    description: 'One trace record: a step (with entered/left times) or a state change or action (a point in time).',
    required: ['kind', 'step', 'scopeKey', 'actor', 'outcome', 'enteredAt', 'leftAt', 'durationMs', 'details'],
    additionalProperties: false,
    properties: {
      kind: { type: 'string', enum: ['step', 'state', 'action'] },
      step: nullableStr({ description: 'Job type or `work-order:<kind>`; null for state changes and actions.' }),
      scopeKey: nullableStr({ description: 'What the step ran for when it runs several times per order (e.g. a work order id).' }),
      actor: str({ description: 'Worker, API client or person.' }),
      outcome: nullableStr(),
      enteredAt: nullableStr({ format: 'date-time' }),
      leftAt: str({ format: 'date-time' }),
      durationMs: { type: 'integer', nullable: true, description: 'leftAt - enteredAt; null when enteredAt is.' },
      details: { type: 'object', nullable: true, additionalProperties: true },
    },
  },
  OrderTrace: {
    type: 'object',
    description: 'Where an order — or a ticket, suspension or construction order — is and how it got there (GET /api/v1/orders/{id}/trace).',
    required: ['orderId', 'kind', 'title', 'state', 'stateReason', 'processInstanceKey', 'current', 'steps', 'events'],
    additionalProperties: false,
    properties: {
      orderId: str({ format: 'uuid', description: 'The subject\'s id.' }),
      kind: schemaRef('BoardKind'),
      title: nullableStr(),
      state: str({ description: 'The subject\'s own state.' }),
      stateReason: nullableStr(),
      processInstanceKey: nullableStr({ description: 'Zeebe process instance key; null until the flow accepted the order.' }),
      current: arrayOf(
        {
          type: 'object',
          required: ['step', 'workOrderId', 'state', 'crewId', 'since'],
          additionalProperties: false,
          properties: {
            step: str({ pattern: '^work-order:', description: '`work-order:<kind>`.' }),
            workOrderId: str({ format: 'uuid' }),
            state: { type: 'string', enum: ['acknowledged', 'inProgress'] },
            crewId: nullableStr(),
            since: str({ format: 'date-time' }),
          },
        },
        { description: 'The open work orders the order waits on.' },
      ),
      steps: arrayOf(schemaRef('TraceEntry'), { description: 'The entries of kind "step", in order.' }),
      events: arrayOf(schemaRef('TraceEntry'), { description: 'Every entry, in order.' }),
    },
  },
  ApiKeyRole: {
    type: 'string',
    description:
      'admin: everything; crm: product orders, hubs, traces; dispatcher: product orders, hubs, traces, every work order, ' +
      'the board and the live events; designer: the deployed flows, and deploying new versions; ' +
      'crew: its own crew\'s work orders; billing: subscriber suspend/resume commands; nms: the resource inventory.',
    enum: apiKeyRoles,
  },
  ApiKeyCreate: {
    type: 'object',
    description: 'A key for a client system or a person. A key with role crew needs the crewId of an existing crew.',
    required: ['name', 'roles'],
    additionalProperties: false,
    properties: {
      name: str({ minLength: 1, maxLength: 200 }),
      roles: arrayOf(schemaRef('ApiKeyRole'), { minItems: 1 }),
      crewId: str({ maxLength: 100, description: 'Required with role crew; must name an existing crew.' }),
      posts: arrayOf(str({ minLength: 1, maxLength: 100 }), { maxItems: 50, description: 'Posts (岗位) whose tasks it may act on; each must exist.' }),
    },
  },
  ApiKey: {
    type: 'object',
    description: 'The issued key. `key` is shown only in this response; the service keeps its hash.',
    required: ['id', 'name', 'roles', 'crewId', 'posts', 'key'],
    additionalProperties: false,
    properties: {
      id: str({ format: 'uuid' }),
      name: str(),
      roles: arrayOf(schemaRef('ApiKeyRole')),
      crewId: nullableStr(),
      posts: arrayOf(str(), { description: 'Posts (岗位) whose tasks it may act on.' }),
      key: str({ pattern: '^dk_', description: 'Send it as `Authorization: Bearer <key>`.' }),
    },
  },
  LintProblem: {
    type: 'object',
    description: 'A bpmnlint finding (bpmnlint:recommended + camunda-compat for Camunda 8.6) on one element of a diagram.',
    required: ['id', 'message', 'category', 'rule'],
    additionalProperties: false,
    properties: {
      id: str({ description: 'Id of the offending element; empty when the whole document is concerned (e.g. it does not parse).' }),
      message: str(),
      category: { type: 'string', enum: ['error', 'warn', 'info', 'rule-error'] },
      rule: str({ description: 'e.g. `camunda-compat/implementation`.' }),
      path: str({ description: 'Property path inside the element, when the rule gives one.' }),
      elementName: str(),
    },
  },
  LoginRequest: {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: { username: str({ minLength: 1, maxLength: 100 }), password: str({ minLength: 1, maxLength: 200 }) },
  },
  User: {
    type: 'object',
    description: 'A person who logs in with a username and password.',
    required: ['id', 'username', 'name', 'roles', 'crewId', 'posts'],
    additionalProperties: false,
    properties: {
      id: str({ format: 'uuid' }),
      username: str(),
      name: str(),
      roles: arrayOf(schemaRef('ApiKeyRole')),
      crewId: nullableStr(),
      posts: arrayOf(str(), { description: 'Posts (岗位) whose tasks it may act on.' }),
    },
  },
  UserCreate: {
    type: 'object',
    description: 'A person. A crew member (role crew) needs the crewId of an existing crew. Only a scrypt hash of the password is stored.',
    required: ['username', 'password', 'roles'],
    additionalProperties: false,
    properties: {
      username: str({ pattern: '^[a-z0-9._-]{2,64}$' }),
      password: str({ minLength: 10, maxLength: 200 }),
      name: str({ minLength: 1, maxLength: 200, description: 'Shown in the app and the trace; defaults to the username.' }),
      roles: arrayOf(schemaRef('ApiKeyRole'), { minItems: 1 }),
      crewId: str({ maxLength: 100 }),
      posts: arrayOf(str({ minLength: 1, maxLength: 100 }), { maxItems: 50, description: 'Posts (岗位) whose tasks it may act on; each must exist.' }),
    },
  },
  Session: {
    type: 'object',
    description: 'A session token for the browser app: send it as `Authorization: Bearer <token>` until it expires (10 hours) or the user logs out.',
    required: ['token', 'expiresAt', 'user'],
    additionalProperties: false,
    properties: {
      token: str({ pattern: '^ds_' }),
      expiresAt: dateTime('When the token stops working.'),
      user: schemaRef('User'),
    },
  },
  Whoami: {
    type: 'object',
    description: 'Who the bearer is: a person\'s session or an API key.',
    required: ['name', 'roles', 'crewId', 'posts', 'kind'],
    additionalProperties: false,
    properties: {
      name: str(),
      roles: arrayOf(schemaRef('ApiKeyRole')),
      crewId: nullableStr(),
      posts: arrayOf(str(), { description: 'Posts (岗位) whose tasks it may act on.' }),
      kind: { type: 'string', enum: ['session', 'apiKey'] },
    },
  },
  ProcessSummary: {
    type: 'object',
    description: 'A deployed process with every version deployed through this service (at start-up or by a designer), newest first.',
    required: ['processId', 'name', 'versions'],
    additionalProperties: false,
    properties: {
      processId: str(),
      name: nullableStr(),
      versions: arrayOf({
        type: 'object',
        required: ['version', 'definitionKey', 'deployedAt', 'deployedBy', 'source'],
        additionalProperties: false,
        properties: {
          version: { type: 'integer', minimum: 1 },
          definitionKey: str({ description: 'Zeebe process definition key (64-bit, as a string).' }),
          deployedAt: dateTime('When it was deployed.'),
          deployedBy: str(),
          source: { type: 'string', enum: ['startup', 'designer'] },
        },
      }, { minItems: 1 }),
    },
  },
  ProcessVersion: {
    type: 'object',
    required: ['processId', 'name', 'version', 'definitionKey', 'resourceName', 'source', 'deployedBy', 'deployedAt', 'xml'],
    additionalProperties: false,
    properties: {
      processId: str(),
      name: nullableStr(),
      version: { type: 'integer', minimum: 1 },
      definitionKey: str(),
      resourceName: str(),
      source: { type: 'string', enum: ['startup', 'designer'] },
      deployedBy: str(),
      deployedAt: dateTime('When it was deployed.'),
      xml: str({ description: 'The BPMN 2.0 XML as deployed.' }),
    },
  },
  DeployResult: {
    type: 'object',
    required: ['deployed', 'warnings'],
    additionalProperties: false,
    properties: {
      deployed: arrayOf({
        type: 'object',
        required: ['processId', 'version', 'definitionKey'],
        additionalProperties: false,
        properties: { processId: str(), version: { type: 'integer', minimum: 1 }, definitionKey: str() },
      }, { description: 'The process versions the broker now runs for new instances (an unchanged diagram keeps its version).' }),
      warnings: arrayOf(schemaRef('LintProblem'), { description: 'Lint warnings: shown, not blocking.' }),
    },
  },
  BoardKind: {
    type: 'string',
    description: 'What a board row is: a product order, a trouble ticket, billing\'s suspend/resume command, or a construction order.',
    enum: ['productOrder', 'troubleTicket', 'suspension', 'constructionOrder'],
  },
  BoardItem: {
    type: 'object',
    description: 'One subject on the dispatcher board: an order, a ticket, a suspension or a construction order.',
    required: ['kind', 'flow', 'id', 'externalId', 'customerId', 'title', 'state', 'area', 'priority', 'currentStep', 'currentStepName', 'stepSince', 'openWorkOrders', 'createdAt', 'ageSeconds'],
    additionalProperties: false,
    properties: {
      kind: schemaRef('BoardKind'),
      flow: str({ description: 'The process id the subject runs: order-fulfillment, fault-repair, suspend-resume or construction.' }),
      id: str({ format: 'uuid' }),
      externalId: nullableStr({ description: 'The requester\'s reference: the CRM\'s order id, the ticket\'s external id, billing\'s event id.' }),
      customerId: nullableStr({ description: 'The customer; for a suspension the subscriber, for a construction order the requesting source.' }),
      title: nullableStr({ description: 'What it is about: the ticket\'s name or description, the command and its reason, the construction title; null for orders.' }),
      state: str({ description: 'The subject\'s own state (TMF622 order state, TMF621 ticket status, …).' }),
      area: nullableStr(),
      priority: { type: 'integer', minimum: 0, maximum: 4, nullable: true, description: 'Null for suspensions, which have none.' },
      currentStep: nullableStr({ description: '`work-order` while crews work on it, else its last step (a job type); null before its flow picked it up.' }),
      currentStepName: nullableStr({ description: 'The step\'s element name in the newest version of the subject\'s flow, e.g. "Field work".' }),
      stepSince: nullableStr({ format: 'date-time', description: 'When the last step ended.' }),
      openWorkOrders: { type: 'integer', minimum: 0 },
      createdAt: dateTime('When it was received.'),
      ageSeconds: { type: 'integer', minimum: 0 },
    },
  },
  BoardSummary: {
    type: 'object',
    description: 'Counts for the board\'s filters: every kind with its open count; within the kind asked for (or all) by state; open ones by area and current step.',
    required: ['byKind', 'byState', 'byArea', 'byStep'],
    additionalProperties: false,
    properties: {
      byKind: arrayOf({ type: 'object', required: ['kind', 'open', 'count'], additionalProperties: false, properties: { kind: schemaRef('BoardKind'), open: { type: 'integer' }, count: { type: 'integer' } } }),
      byState: arrayOf({ type: 'object', required: ['state', 'count'], additionalProperties: false, properties: { state: str(), count: { type: 'integer' } } }),
      byArea: arrayOf({ type: 'object', required: ['area', 'count'], additionalProperties: false, properties: { area: nullableStr(), count: { type: 'integer' } } }),
      byStep: arrayOf({ type: 'object', required: ['kind', 'step', 'name', 'count'], additionalProperties: false, properties: { kind: schemaRef('BoardKind'), step: nullableStr(), name: nullableStr(), count: { type: 'integer' } } }),
    },
  },
  OrderProgress: {
    type: 'object',
    description:
      'An order\'s diagram and its place in it. The version is the newest deployed when the flow picked the order up. Trace ' +
      'steps are mapped onto elements by their job type; steps of a called flow (work orders) onto the call activity.',
    required: ['orderId', 'kind', 'state', 'processId', 'version', 'definitionKey', 'xml', 'active', 'passed'],
    additionalProperties: false,
    properties: {
      orderId: str({ format: 'uuid', description: 'The subject\'s id (an order\'s, a ticket\'s …).' }),
      kind: schemaRef('BoardKind'),
      state: str(),
      processId: str(),
      version: { type: 'integer', minimum: 1 },
      definitionKey: str(),
      xml: str(),
      active: arrayOf({
        type: 'object',
        required: ['elementId', 'step', 'since'],
        additionalProperties: false,
        properties: { elementId: str(), step: str(), since: dateTime('Since when.') },
      }, { description: 'Where the order is now; empty once it has ended.' }),
      passed: arrayOf({
        type: 'object',
        required: ['elementId', 'count', 'totalMs', 'timing', 'limitMs'],
        additionalProperties: false,
        properties: {
          elementId: str(),
          count: { type: 'integer', minimum: 1 },
          totalMs: { type: 'integer', minimum: 0 },
          timing: {
            type: 'string', enum: ['within', 'near', 'over', null], nullable: true,
            description:
              'How the element\'s worst run did against its time limit: `within`, `near` (past its pre-alarm point), `over` (past the limit). ' +
              'A step with its own clock (a work order) is judged by that deadline, pauses included; any other step by the time-limit policy ' +
              'that applies to it (the flow\'s default `*` included). Null: no limit applies.',
          },
          limitMs: { type: 'integer', minimum: 0, nullable: true, description: 'The limit of that run, in milliseconds.' },
        },
      }),
    },
  },
  Statistics: {
    type: 'object',
    description:
      'Statistics of the order flow\'s work over whole local days (R3.9). Volumes count orders received (created) and ended per day. ' +
      'Step durations are trace steps finished in the window (a work order from its dispatch to its close). On-time rates count steps ' +
      'with a time limit that finished in the window — a clock stopped by a cancellation is not counted — on time when they ended by ' +
      'their limit (moved by any pause). A region\'s on-time rate is its orders\' own limit; a crew\'s, its work orders\'.',
    required: ['from', 'to', 'timeZone', 'area', 'volumes', 'leadTime', 'stepDurations', 'onTimeByStep', 'regions', 'crews'],
    additionalProperties: false,
    properties: {
      from: str({ format: 'date' }),
      to: str({ format: 'date' }),
      timeZone: str(),
      area: nullableStr(),
      volumes: arrayOf({
        type: 'object',
        required: ['day', 'received', 'completed', 'endedOtherwise'],
        additionalProperties: false,
        properties: {
          day: str({ format: 'date' }),
          received: { type: 'integer', minimum: 0 },
          completed: { type: 'integer', minimum: 0 },
          endedOtherwise: { type: 'integer', minimum: 0, description: 'Rejected, failed or cancelled that day.' },
        },
      }, { description: 'Every day of the window, oldest first; days without orders are zeros.' }),
      leadTime: {
        type: 'object',
        description: 'Acceptance to completion of the orders completed in the window; null when none was.',
        required: ['p50Ms', 'p90Ms'],
        additionalProperties: false,
        properties: { p50Ms: { type: 'integer', minimum: 0, nullable: true }, p90Ms: { type: 'integer', minimum: 0, nullable: true } },
      },
      stepDurations: arrayOf({
        type: 'object',
        required: ['step', 'name', 'count', 'p50Ms', 'p90Ms'],
        additionalProperties: false,
        properties: {
          step: str({ description: 'A job type, or `work-order:<kind>`.' }),
          name: nullableStr({ description: 'As the diagram or the work-order kind names it.' }),
          count: { type: 'integer', minimum: 1 },
          p50Ms: { type: 'integer', minimum: 0, description: 'Median duration.' },
          p90Ms: { type: 'integer', minimum: 0, description: '90th percentile.' },
        },
      }, { description: 'Slowest (by p90) first.' }),
      onTimeByStep: arrayOf({
        type: 'object',
        required: ['step', 'name', 'total', 'onTime', 'late', 'onTimeRate'],
        additionalProperties: false,
        properties: {
          step: str({ description: '`order` (the whole order) or `work-order:<kind>`.' }),
          name: nullableStr(),
          total: { type: 'integer', minimum: 1 },
          onTime: { type: 'integer', minimum: 0 },
          late: { type: 'integer', minimum: 0 },
          onTimeRate: { type: 'number', minimum: 0, maximum: 1, nullable: true },
        },
      }),
      regions: arrayOf({
        type: 'object',
        required: ['area', 'received', 'completed', 'leadP50Ms', 'leadP90Ms', 'onTime', 'late', 'onTimeRate'],
        additionalProperties: false,
        properties: {
          area: nullableStr(),
          received: { type: 'integer', minimum: 0 },
          completed: { type: 'integer', minimum: 0 },
          leadP50Ms: { type: 'integer', minimum: 0, nullable: true, description: 'Median time from acceptance to completion of the orders completed.' },
          leadP90Ms: { type: 'integer', minimum: 0, nullable: true },
          onTime: { type: 'integer', minimum: 0 },
          late: { type: 'integer', minimum: 0 },
          onTimeRate: { type: 'number', minimum: 0, maximum: 1, nullable: true, description: 'Null: no completed order with a limit.' },
        },
      }, { description: 'Busiest first.' }),
      crews: arrayOf({
        type: 'object',
        required: ['crewId', 'name', 'area', 'closed', 'p50Ms', 'p90Ms', 'onTime', 'late', 'onTimeRate'],
        additionalProperties: false,
        properties: {
          crewId: str(),
          name: str(),
          area: str(),
          closed: { type: 'integer', minimum: 1, description: 'Work orders completed in the window.' },
          p50Ms: { type: 'integer', minimum: 0, description: 'Median time from dispatch to close.' },
          p90Ms: { type: 'integer', minimum: 0 },
          onTime: { type: 'integer', minimum: 0 },
          late: { type: 'integer', minimum: 0 },
          onTimeRate: { type: 'number', minimum: 0, maximum: 1, nullable: true },
        },
      }, { description: 'Most work orders closed first.' }),
    },
  },
  WorkOrderKind: {
    type: 'object',
    required: ['kind', 'name', 'skill', 'form'],
    additionalProperties: false,
    properties: {
      kind: str(),
      name: str(),
      skill: str(),
      form: formRef('The form its crews fill in when they close (the step `work-order:<kind>`); null: none.', true),
    },
  },
  FormSchema: {
    type: 'object',
    description:
      'A form-js form, as the form-js editor saves it (https://bpmn.io/toolkit/form-js). Published only if the server can check ' +
      'submissions against it: components of type textfield, textarea, number, checkbox, select, radio, checklist, taglist, ' +
      'datetime, text, html, separator, spacer and group; every input with a unique key; options listed in the form; no ' +
      'conditions and no expressions in validation rules. Other problems are a 400 listing them in `details`.',
    required: ['type', 'components'],
    additionalProperties: true,
    properties: {
      type: constant('default'),
      components: arrayOf({ type: 'object', required: ['type'], additionalProperties: true, properties: { type: str({ minLength: 1 }) } }, { maxItems: 500 }),
    },
  },
  FormVersion: {
    type: 'object',
    description: 'A published form version; it never changes.',
    required: ['id', 'version', 'schema', 'createdAt', 'createdBy'],
    additionalProperties: false,
    properties: {
      id: str({ description: 'The form id.' }),
      version: { type: 'integer', minimum: 1 },
      schema: schemaRef('FormSchema'),
      createdAt: dateTime('When it was published.'),
      createdBy: str({ description: 'Who published it.' }),
    },
  },
  Form: {
    type: 'object',
    required: ['id', 'name', 'createdAt', 'createdBy', 'versions', 'steps'],
    additionalProperties: false,
    properties: {
      id: str(),
      name: str(),
      createdAt: dateTime('When it was created.'),
      createdBy: str(),
      versions: arrayOf({
        type: 'object',
        required: ['version', 'createdAt', 'createdBy'],
        additionalProperties: false,
        properties: { version: { type: 'integer', minimum: 1 }, createdAt: dateTime('When it was published.'), createdBy: str() },
      }, { description: 'Newest first.' }),
      steps: arrayOf({
        type: 'object',
        required: ['step', 'version'],
        additionalProperties: false,
        properties: { step: str(), version: { type: 'integer', minimum: 1 } },
      }, { description: 'The steps that show a version of this form.' }),
    },
  },
  FormCreate: {
    type: 'object',
    required: ['id', 'name', 'schema'],
    additionalProperties: false,
    properties: {
      id: str({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$' }),
      name: str({ minLength: 1, maxLength: 200 }),
      schema: schemaRef('FormSchema'),
    },
  },
  FormVersionCreate: {
    type: 'object',
    required: ['schema'],
    additionalProperties: false,
    properties: { schema: schemaRef('FormSchema') },
  },
  StepForm: {
    type: 'object',
    description: 'A user-facing step and the form version it shows (today: one step `work-order:<kind>` per work-order kind).',
    required: ['step', 'name', 'form'],
    additionalProperties: false,
    properties: {
      step: str({ example: 'work-order:line' }),
      name: str(),
      form: formRef('The version the step shows; null: none.', true),
    },
  },
  StepFormLink: {
    type: 'object',
    required: ['formId', 'version'],
    additionalProperties: false,
    properties: { formId: str({ minLength: 1, maxLength: 63 }), version: { type: 'integer', minimum: 1 } },
  },
  HealthCheck: {
    type: 'object',
    required: ['status'],
    additionalProperties: false,
    properties: {
      status: { type: 'string', enum: ['UP', 'DOWN'] },
      detail: str({ description: 'Why it is down.' }),
    },
  },
  Health: {
    type: 'object',
    description: 'Liveness (status only) or readiness (with the database and Zeebe checks).',
    required: ['status'],
    additionalProperties: false,
    properties: {
      status: { type: 'string', enum: ['UP', 'DOWN'] },
      checks: {
        type: 'object',
        required: ['database', 'zeebe'],
        additionalProperties: false,
        properties: { database: schemaRef('HealthCheck'), zeebe: schemaRef('HealthCheck') },
      },
    },
  },
  CancelProductOrder_Create: {
    type: 'object',
    description: 'TMF622 CancelProductOrder_Create: cancel (撤单) an order in flight.',
    required: ['productOrder'],
    properties: {
      productOrder: { type: 'object', required: ['id'], properties: { id: str({ minLength: 1, maxLength: 200 }) } },
      cancellationReason: str({ maxLength: 2000 }),
      requestedCancellationDate: str({ format: 'date-time' }),
    },
  },
  CancelProductOrder: {
    type: 'object',
    description:
      'TMF622 CancelProductOrder, a task: inProgress while the flow compensates, then done (the order is cancelled); ' +
      'terminatedWithError with `errorMessage` when the order was past the point of no return (completion archiving ' +
      'had begun) or had already ended — that order carries on.',
    required: ['id', 'href', 'state', 'productOrder', 'creationDate', '@type'],
    additionalProperties: false,
    properties: {
      id: str({ format: 'uuid' }),
      href: str(),
      state: { type: 'string', enum: ['acknowledged', 'inProgress', 'done', 'terminatedWithError'] },
      cancellationReason: str(),
      requestedCancellationDate: str(),
      effectiveCancellationDate: str({ format: 'date-time' }),
      errorMessage: str({ description: 'Why the cancel was refused (extension).' }),
      creationDate: dateTime('When the cancel was requested.'),
      productOrder: {
        type: 'object',
        required: ['id', 'href'],
        additionalProperties: false,
        properties: { id: str({ format: 'uuid' }), href: str(), '@referredType': constant('ProductOrder') },
      },
      '@type': constant('CancelProductOrder'),
    },
  },
  Resource_Create: {
    type: 'object',
    description: 'TMF639 Resource_Create for a network resource: its type as `category`, its area as the one `place`.',
    required: ['name', 'category', 'place'],
    properties: {
      name: str({ minLength: 1, maxLength: 200 }),
      category: { type: 'string', enum: ['pon_port', 'splitter_port', 'line_segment', 'ip_address', 'vlan', 'phone_number'] },
      place: arrayOf({ type: 'object', required: ['id'], properties: { id: str({ description: 'Area code.' }) } }, { minItems: 1, maxItems: 1 }),
    },
  },
  Resource: {
    type: 'object',
    description: 'TMF639 Resource: a network resource; usageState idle (free), active (reserved by an order) or busy (in service).',
    required: ['id', 'href', 'name', 'category', 'resourceStatus', 'usageState', 'place', '@type'],
    additionalProperties: false,
    properties: {
      id: str({ format: 'uuid' }),
      href: str(),
      name: str(),
      category: str(),
      resourceStatus: { type: 'string', enum: ['available', 'reserved'] },
      usageState: { type: 'string', enum: ['idle', 'active', 'busy'] },
      place: arrayOf({ type: 'object', required: ['id', 'role'], additionalProperties: false, properties: { id: str(), role: str(), '@referredType': str() } }),
      note: arrayOf({ type: 'object', required: ['text'], additionalProperties: false, properties: { text: str() } }),
      '@type': constant('LogicalResource'),
    },
  },
  ProductOrderPatch: {
    type: 'object',
    required: ['productOrderItem'],
    additionalProperties: false,
    properties: { productOrderItem: arrayOf(schemaRef('ProductOrderItem_Create'), { minItems: 1, maxItems: 50 }) },
  },
  Chase: {
    type: 'object',
    required: ['note'],
    additionalProperties: false,
    properties: { note: str({ minLength: 1, maxLength: 2000 }) },
  },
  ChaseResult: {
    type: 'object',
    required: ['orderId', 'priority', 'notifiedPosts'],
    additionalProperties: false,
    properties: {
      orderId: str({ format: 'uuid' }),
      priority: { type: 'integer', minimum: 0, maximum: 4 },
      notifiedPosts: arrayOf(str()),
    },
  },
  PostNotification: {
    type: 'object',
    required: ['id', 'post', 'subjectId', 'kind', 'message', 'createdAt', 'readAt'],
    additionalProperties: false,
    properties: {
      id: { type: 'integer' },
      post: str(),
      subjectId: str({ format: 'uuid' }),
      kind: str(),
      message: str(),
      createdAt: dateTime('When it was sent.'),
      readAt: nullableStr({ format: 'date-time' }),
    },
  },
  ExceptionEntry: {
    type: 'object',
    description: 'A step that ran out of retries (a Zeebe incident) or met an outcome nobody modelled, with the order behind it.',
    required: ['incidentKey', 'bpmnProcessId', 'processInstanceKey', 'rootProcessInstanceKey', 'elementId', 'elementInstanceKey', 'jobKey', 'errorType', 'errorMessage', 'createdAt', 'orderId', 'ticketId', 'constructionOrderId', 'suspensionId'],
    additionalProperties: false,
    properties: {
      incidentKey: str({ description: 'Zeebe incident key (64-bit, as a string).' }),
      bpmnProcessId: nullableStr(),
      processInstanceKey: str(),
      rootProcessInstanceKey: str({ description: 'The instance at the top of the call chain (the order flow).' }),
      elementId: nullableStr(),
      elementInstanceKey: nullableStr(),
      jobKey: nullableStr(),
      errorType: str({ description: 'Zeebe ErrorType, e.g. JOB_NO_RETRIES.' }),
      errorMessage: nullableStr(),
      createdAt: nullableStr({ format: 'date-time' }),
      orderId: nullableStr({ format: 'uuid' }),
      ticketId: nullableStr({ format: 'uuid', description: 'The trouble ticket behind the flow, when it is one; abort cancels it.' }),
      constructionOrderId: nullableStr({ format: 'uuid', description: 'The construction order behind the flow, when it is one; abort ends it failed, its work orders cancelled and materials released.' }),
      suspensionId: nullableStr({ format: 'uuid', description: 'Billing\'s suspend/resume command behind the flow, when it is one.' }),
    },
  },
  TroubleTicket: {
    type: 'object',
    description:
      'TMF621 TroubleTicket (toTroubleTicket in src/tickets/representation.ts). What the requester sent is echoed unchanged; ' +
      'a merged report has a troubleTicketRelationship isChild of its master, a master one isParent per report. Extensions: ' +
      'majorIncident, resolution, survey (the callback answer).',
    required: ['id', 'href', 'ticketType', 'description', 'severity', 'priority', 'status', 'statusChangeDate', 'creationDate', 'lastUpdate', 'channel', 'note', 'relatedEntity', 'relatedParty', 'attachment', 'troubleTicketRelationship', 'majorIncident', '@type'],
    additionalProperties: false,
    properties: {
      id: str({ format: 'uuid' }),
      href: str(),
      ticketType: str({ description: '"complaint" goes to the complaint desk; "networkAlarm" is opened by an alarm; a master carries its first report\'s type.' }),
      description: str(),
      severity: str({ description: 'As sent; critical / major / high / minor / medium / low / warning are understood.' }),
      priority: str({ description: '1 (most urgent) to 4: from severity, one level sooner for diamond, gold and VIP customers; a major incident is 1.' }),
      status: { type: 'string', enum: ['acknowledged', 'inProgress', 'pending', 'held', 'resolved', 'closed', 'cancelled', 'rejected'] },
      statusChangeReason: str(),
      statusChangeDate: dateTime('When the status last changed.'),
      creationDate: dateTime('When the ticket was received.'),
      lastUpdate: dateTime('When anything last changed.'),
      expectedResolutionDate: dateTime('The restore limit.'),
      requestedResolutionDate: str(),
      resolutionDate: dateTime('When it was resolved.'),
      resolution: str(),
      name: str(),
      externalId: str(),
      channel: { type: 'object', required: ['id', 'name'], additionalProperties: false, properties: { id: { type: 'string', enum: ['customer', 'nms', 'inspection', 'merged'] }, name: str() } },
      note: arrayOf({ type: 'object', additionalProperties: true }),
      relatedEntity: arrayOf({ type: 'object', additionalProperties: true }),
      relatedParty: arrayOf({ type: 'object', additionalProperties: true }),
      attachment: arrayOf({ type: 'object', additionalProperties: true }),
      troubleTicketRelationship: arrayOf({
        type: 'object', required: ['id', 'href', 'relationshipType'], additionalProperties: false,
        properties: { id: str({ format: 'uuid' }), href: str(), relationshipType: { type: 'string', enum: ['isChild', 'isParent'] } },
      }),
      majorIncident: { type: 'boolean' },
      survey: { type: 'object', additionalProperties: true },
      '@type': constant('TroubleTicket'),
    },
  },
  TroubleTicket_Create: {
    type: 'object',
    description:
      'TMF621 TroubleTicket_Create. `status` is accepted and ignored (the flow decides). The affected resource is a ' +
      'relatedEntity with role affectedResource (a TMF639 resource id), the customer a relatedParty with role customer.',
    required: ['description', 'severity', 'ticketType'],
    additionalProperties: false,
    properties: {
      description: str({ minLength: 1, maxLength: 4000 }),
      severity: str({ minLength: 1, maxLength: 50 }),
      ticketType: str({ minLength: 1, maxLength: 100 }),
      name: str({ maxLength: 200 }),
      externalId: str({ maxLength: 200 }),
      status: str({ maxLength: 50 }),
      channel: { type: 'object', additionalProperties: true, description: 'name "inspection" marks an inspection finding.' },
      requestedResolutionDate: str({ format: 'date-time' }),
      note: arrayOf({ type: 'object', required: ['text'], additionalProperties: true, properties: { text: str({ minLength: 1, maxLength: 4000 }) } }, { maxItems: 50 }),
      relatedEntity: arrayOf({ type: 'object', required: ['id'], additionalProperties: true, properties: { id: str(), role: str() } }, { maxItems: 50 }),
      relatedParty: arrayOf({ type: 'object', required: ['id'], additionalProperties: true, properties: { id: str(), role: str() } }, { maxItems: 50 }),
      attachment: arrayOf({ type: 'object', additionalProperties: true }, { maxItems: 20 }),
      '@type': str(),
      '@baseType': str(),
      '@schemaLocation': str(),
    },
  },
  TroubleTicketPatch: {
    type: 'object',
    description: 'status closed confirms a resolved ticket, inProgress reopens a resolved one, cancelled withdraws an unresolved one; notes are appended.',
    additionalProperties: false,
    properties: {
      status: { type: 'string', enum: ['closed', 'inProgress', 'cancelled'] },
      statusChangeReason: str({ maxLength: 2000 }),
      note: arrayOf({ type: 'object', required: ['text'], additionalProperties: true, properties: { text: str({ minLength: 1 }) } }, { maxItems: 50 }),
    },
  },
  NetworkAlarm: {
    type: 'object',
    description: 'TMF642 Alarm as received, with the trouble ticket it opened.',
    required: ['id', 'href', 'externalAlarmId', 'alarmedObject', 'perceivedSeverity', 'state', 'alarmRaisedTime', '@type'],
    additionalProperties: false,
    properties: {
      id: str({ format: 'uuid' }),
      href: str(),
      externalAlarmId: str(),
      alarmedObject: { type: 'object', additionalProperties: true, properties: { id: str({ format: 'uuid' }) } },
      perceivedSeverity: str(),
      probableCause: str(),
      state: { type: 'string', enum: ['raised', 'updated', 'cleared'] },
      alarmRaisedTime: dateTime('When the NMS raised it.'),
      alarmClearedTime: dateTime('When it was cleared.'),
      troubleTicket: { type: 'object', additionalProperties: false, properties: { id: str({ format: 'uuid' }), href: str() } },
      '@type': constant('Alarm'),
    },
  },
  NetworkAlarm_Create: {
    type: 'object',
    required: ['externalAlarmId', 'alarmedObject', 'perceivedSeverity'],
    additionalProperties: false,
    properties: {
      externalAlarmId: str({ minLength: 1, maxLength: 200, description: 'The NMS\'s id: the same alarm sent again is the same alarm (200, not 201).' }),
      alarmedObject: { type: 'object', required: ['id'], additionalProperties: true, properties: { id: str({ format: 'uuid', description: 'A TMF639 resource id.' }) } },
      perceivedSeverity: { type: 'string', enum: ['critical', 'major', 'minor', 'warning', 'indeterminate', 'cleared'] },
      probableCause: str({ maxLength: 200 }),
      alarmType: str({ maxLength: 100 }),
      specificProblem: str({ maxLength: 1000 }),
      state: { type: 'string', enum: ['raised', 'updated'] },
      alarmRaisedTime: str({ format: 'date-time' }),
      '@type': str(),
    },
  },
  NetworkAlarmPatch: {
    type: 'object',
    additionalProperties: false,
    properties: {
      state: constant('cleared'),
      perceivedSeverity: { type: 'string', enum: ['critical', 'major', 'minor', 'warning', 'indeterminate'] },
      alarmClearedTime: str({ format: 'date-time' }),
    },
  },
  ConstructionOrderCreate: {
    type: 'object',
    description: 'A construction request (R1.4). Unknown attributes are refused.',
    required: ['source', 'title', 'area'],
    additionalProperties: false,
    properties: {
      externalId: str({ minLength: 1, maxLength: 100, description: 'The requester\'s own reference.' }),
      source: { type: 'string', enum: [...constructionSources], description: 'Who asks: network build-out, maintenance, optimization or the upper-level dispatch.' },
      title: str({ minLength: 1, maxLength: 200 }),
      description: str({ maxLength: 4000 }),
      area: str({ minLength: 1, maxLength: 50, description: 'Service area code; an unknown area is a 400.' }),
      priority: { type: 'integer', minimum: 0, maximum: 4, default: 4, description: '0 highest .. 4 lowest; decides the time-limit policy.' },
      requestedCapacity: arrayOf(
        {
          type: 'object',
          required: ['type', 'quantity'],
          additionalProperties: false,
          properties: { type: { type: 'string', enum: [...networkResourceTypes] }, quantity: { type: 'integer', minimum: 1, maximum: 10000 } },
        },
        { maxItems: 20, description: 'What the requester needs; the approver and the designer see it.' },
      ),
      callbackUrl: str({ format: 'uri', maxLength: 2000, description: 'http(s) URL told the outcome (ConstructionOrderStateChangeEvent) when the order completes, is rejected, cancelled or fails.' }),
    },
  },
  ConstructionOrderCancel: {
    type: 'object',
    description: 'Why the requester withdraws the request.',
    required: ['reason'],
    additionalProperties: false,
    properties: { reason: str({ minLength: 3, maxLength: 2000, description: 'Why (at least 3 characters besides surrounding spaces); the order\'s stateReason.' }) },
  },
  ConstructionOrder: {
    type: 'object',
    description: 'A construction order with its sites (from the design) and the materials reserved for it (toConstructionOrder in src/construction/repository.ts).',
    required: ['id', 'href', 'source', 'title', 'area', 'priority', 'requestedCapacity', 'state', 'createdAt', 'sites', 'materials'],
    additionalProperties: false,
    properties: {
      id: str({ format: 'uuid' }),
      href: str(),
      externalId: str(),
      source: { type: 'string', enum: [...constructionSources] },
      title: str(),
      description: str(),
      area: str(),
      priority: { type: 'integer', minimum: 0, maximum: 4 },
      requestedCapacity: arrayOf({
        type: 'object',
        required: ['type', 'quantity'],
        additionalProperties: false,
        properties: { type: str(), quantity: { type: 'integer' } },
      }),
      state: { type: 'string', enum: [...constructionStates], description: 'acknowledged (received), inProgress (the flow has it), completed (resources archived), rejected (at approval), cancelled (by its requester), failed (aborted from the exception queue); stateReason says why it ended.' },
      stateReason: str(),
      callbackUrl: str(),
      createdAt: dateTime('When the request was received.'),
      completedAt: dateTime('When it ended (completed, rejected, cancelled, failed); absent before.'),
      sites: arrayOf({
        type: 'object',
        required: ['id', 'code', 'area', 'state', 'resources'],
        additionalProperties: false,
        properties: {
          id: str({ format: 'uuid', description: 'The scope of the site\'s work orders (`<id>:round-<n>` for a rebuild after a failed acceptance test).' }),
          code: str(),
          area: str(),
          state: { type: 'string', enum: ['planned', 'archived'], description: 'archived: its resources are in the inventory.' },
          resources: arrayOf({
            type: 'object',
            required: ['type', 'name'],
            additionalProperties: false,
            properties: { type: str(), name: str() },
          }),
        },
      }, { description: 'Empty until the design is reserved.' }),
      materials: arrayOf({
        type: 'object',
        required: ['materialId', 'quantity', 'state'],
        additionalProperties: false,
        properties: {
          materialId: str(),
          quantity: { type: 'integer' },
          state: { type: 'string', enum: ['reserved', 'consumed', 'released'], description: 'released: back in the store, the order ended before archiving.' },
        },
      }),
    },
  },
  ConstructionOrderTrace: {
    type: 'object',
    description: 'Every step of a construction order (GET /api/v1/constructionOrders/{id}/trace).',
    required: ['constructionOrderId', 'state', 'steps', 'events'],
    additionalProperties: false,
    properties: {
      constructionOrderId: str({ format: 'uuid' }),
      state: { type: 'string', enum: [...constructionStates] },
      steps: arrayOf(schemaRef('TraceEntry'), { description: 'The entries of kind "step", in order.' }),
      events: arrayOf(schemaRef('TraceEntry'), { description: 'Every entry, in order.' }),
    },
  },
  ConstructionOrderStateChangeEvent: {
    type: 'object',
    description: 'Posted to the request\'s callbackUrl when the order completes, is rejected, cancelled or fails (TMF688 envelope).',
    required: ['eventId', 'eventTime', 'eventType', 'event'],
    properties: {
      eventId: str({ format: 'uuid' }),
      eventTime: str({ format: 'date-time' }),
      eventType: constant('ConstructionOrderStateChangeEvent'),
      event: { type: 'object', required: ['constructionOrder'], properties: { constructionOrder: schemaRef('ConstructionOrder') } },
    },
  },
  PostTask: {
    type: 'object',
    description: 'A task for a post (岗位): a BPMN user task of a flow, filed for the post named by its candidate group (toPostTask in api/routes/post-tasks.ts).',
    required: ['id', 'name', 'post', 'formKey', 'fields', 'processId', 'elementId', 'subjectId', 'subject', 'context', 'state', 'result', 'createdAt', 'completedAt'],
    additionalProperties: false,
    properties: {
      id: str({ format: 'uuid' }),
      name: str(),
      post: str({ description: 'The post that may act on it.' }),
      formKey: { type: 'string', enum: Object.keys(postTaskForms), description: 'What the completion must carry: callback-survey {reached, satisfaction 1–5 when reached, comment?}; complaint-handling {outcome resolved|followUp, note}; construction-approval {approved, note (required when not approved)}; construction-design {sites: [{code, area?, resources: [{type, name}]}], materials?: [{materialId, quantity}], note?}.' },
      fields: arrayOf(schemaRef('PostTaskField'), { description: 'The inputs of the form, read from the same schema the completion is checked against.' }),
      processId: str(),
      elementId: str(),
      subjectId: nullableStr({ description: 'The ticket, construction order or product order it is about.' }),
      subject: {
        type: 'object',
        nullable: true,
        description: 'What the post reads before answering, as the subject stands now (src/post-tasks/subjects.ts); null when it is neither a construction order nor a ticket.',
        required: ['type', 'title', 'facts'],
        additionalProperties: false,
        properties: {
          type: { type: 'string', enum: ['constructionOrder', 'troubleTicket'] },
          title: str(),
          facts: arrayOf({ type: 'object', required: ['label', 'value'], additionalProperties: false, properties: { label: str(), value: str() } }),
        },
      },
      context: { type: 'object', additionalProperties: true, description: 'The flow\'s variables when the task was filed.' },
      state: { type: 'string', enum: ['open', 'completed', 'cancelled'] },
      result: { type: 'object', nullable: true, additionalProperties: true },
      createdAt: dateTime('When the task was filed.'),
      completedAt: { ...dateTime('When the post answered; null while open.'), nullable: true },
    },
  },
  PostTaskField: {
    type: 'object',
    description: 'One input of a task\'s form (src/post-tasks/field.ts): a choice (a boolean or one of a few values), a number, a text, or a list of groups of fields.',
    required: ['name', 'label', 'required', 'kind'],
    additionalProperties: false,
    properties: {
      name: str({ description: 'The key of the value in the completion\'s data.' }),
      label: str(),
      required: { type: 'boolean' },
      hint: str({ description: 'When the field is required only sometimes, or what it is for.' }),
      kind: { type: 'string', enum: ['choice', 'number', 'text', 'list'] },
      options: arrayOf({
        type: 'object', required: ['value', 'label'], additionalProperties: false,
        properties: { value: { oneOf: [{ type: 'string' }, { type: 'boolean' }] }, label: str() },
      }, { description: 'choice: the values to pick from.' }),
      integer: { type: 'boolean', description: 'number: whole numbers only.' },
      min: { type: 'number' },
      max: { type: 'number' },
      multiline: { type: 'boolean', description: 'text: a note (text area) rather than a name or code.' },
      maxLength: { type: 'integer' },
      itemLabel: str({ description: 'list: what one entry is called.' }),
      fields: arrayOf(schemaRef('PostTaskField'), { description: 'list: the fields of each entry.' }),
      minItems: { type: 'integer' },
      maxItems: { type: 'integer' },
    },
  },
  PostTaskCompletion: {
    type: 'object',
    required: ['data'],
    additionalProperties: false,
    properties: { data: { type: 'object', additionalProperties: true, description: 'The form\'s answer, checked against the task\'s formKey.' } },
  },
  ExceptionRetry: { type: 'object', additionalProperties: false, properties: { note: str({ maxLength: 2000 }) } },
  ExceptionSkip: {
    type: 'object',
    required: ['reason'],
    additionalProperties: false,
    properties: {
      reason: str({ minLength: 1, maxLength: 2000 }),
      variables: { type: 'object', description: 'Variables to set in place of the output of the skipped step.' },
    },
  },
  ExceptionAbort: {
    type: 'object',
    required: ['reason'],
    additionalProperties: false,
    properties: { reason: str({ minLength: 1, maxLength: 2000 }) },
  },
  Reconciliation: {
    type: 'object',
    required: ['checkedAt', 'disagreements'],
    additionalProperties: false,
    properties: {
      checkedAt: dateTime('When the check ran.'),
      disagreements: arrayOf({
        type: 'object',
        required: ['kind', 'orderId', 'detail'],
        additionalProperties: false,
        properties: {
          kind: { type: 'string', enum: ['running-order-without-instance', 'ended-order-with-instance', 'open-work-order-of-ended-order', 'running-clock-of-ended-order'] },
          orderId: str({ format: 'uuid', description: 'The product order or construction order.' }),
          detail: str(),
        },
      }),
    },
  },
  DeferOrder: {
    type: 'object',
    required: ['until', 'reason'],
    additionalProperties: false,
    properties: {
      until: str({ format: 'date-time', description: 'The date the customer wants installation to go on; in the future.' }),
      reason: str({ minLength: 1, maxLength: 2000 }),
    },
  },
  RetryAccepted: {
    type: 'object',
    required: ['orderId', 'retried'],
    additionalProperties: false,
    properties: { orderId: str({ format: 'uuid' }), retried: { type: 'boolean' } },
  },
  SubscriberCommandInput: {
    type: 'object',
    description:
      'One billing command for one subscriber: arrears suspension (suspend) or payment resumption (resume) of the listed ' +
      'services. `eventId` is billing\'s own id and the idempotency key: the same event again is answered with the existing ' +
      'command and applied once; the same id with another body is a 422. Commands of one subscriber are applied in ' +
      '`sequence` order; one that arrives after a newer one was taken on is skipped as stale and reported to billing.',
    required: ['eventId', 'subscriberId', 'command', 'reason', 'issuedAt', 'sequence', 'services', 'callbackUrl'],
    additionalProperties: false,
    properties: {
      eventId: str({ minLength: 1, maxLength: 200, description: 'Billing\'s event id.' }),
      subscriberId: str({ minLength: 1, maxLength: 100 }),
      command: { type: 'string', enum: ['suspend', 'resume'] },
      reason: str({ minLength: 1, maxLength: 500, example: 'arrears' }),
      issuedAt: str({ format: 'date-time', description: 'When billing issued the command (a payment\'s time, for a resume: the resumption time limit runs from it). With a UTC offset.' }),
      sequence: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Billing\'s issue order; must grow with every command billing issues for the subscriber.' },
      services: arrayOf(schemaRef('SubscriberService'), { minItems: 1, maxItems: 20, description: 'Service ids are unique within the command.' }),
      callbackUrl: str({ format: 'uri', maxLength: 2000, pattern: '^https?://', description: 'Where the confirmation (`BillingConfirmation`) is POSTed.' }),
    },
  },
  SubscriberService: {
    type: 'object',
    description: 'A service of the subscriber. Its type decides the network element: fixed-voice → switch, mobile-voice and mobile-data → HLR/HSS, broadband → BRAS.',
    required: ['id', 'type'],
    additionalProperties: false,
    properties: {
      id: str({ minLength: 1, maxLength: 100 }),
      type: { type: 'string', enum: serviceTypes },
    },
  },
  SubscriberCommandBatchInput: {
    type: 'object',
    description: 'A billing run\'s commands, 1 to 500 of them. All or nothing: one invalid or conflicting command refuses the batch.',
    required: ['commands'],
    additionalProperties: false,
    properties: { commands: arrayOf(schemaRef('SubscriberCommandInput'), { minItems: 1, maxItems: 500 }) },
  },
  ElementReceipt: {
    type: 'object',
    description: 'What a network element answered for one service.',
    required: ['element', 'serviceId', 'state', 'repeated'],
    additionalProperties: false,
    properties: {
      element: { type: 'string', enum: elementKinds },
      serviceId: str(),
      state: { type: 'string', enum: ['barred', 'active'] },
      repeated: { type: 'boolean', description: 'The element had already applied this command (a retry).' },
    },
  },
  SubscriberCommand: {
    type: 'object',
    description: 'A billing command and where it is: received, inProgress (queued behind the subscriber\'s previous command or on the network), completed (applied) or skipped (stale).',
    required: ['id', 'href', 'eventId', 'subscriberId', 'command', 'reason', 'sequence', 'issuedAt', 'services', 'callbackUrl', 'state', 'stateReason', 'networkReceipts', 'receivedAt', 'completedAt'],
    additionalProperties: false,
    properties: {
      id: str({ format: 'uuid' }),
      href: str(),
      eventId: str(),
      subscriberId: str(),
      command: { type: 'string', enum: ['suspend', 'resume'] },
      reason: str(),
      sequence: { type: 'integer' },
      issuedAt: dateTime('When billing issued it.'),
      services: arrayOf(schemaRef('SubscriberService')),
      callbackUrl: str(),
      state: { type: 'string', enum: subscriberCommandStates },
      stateReason: nullableStr({ description: 'Why it was skipped.' }),
      networkReceipts: { type: 'array', nullable: true, items: schemaRef('ElementReceipt'), description: 'Null until the network has applied it.' },
      receivedAt: dateTime('When it reached the service.'),
      completedAt: { ...nullableStr({ format: 'date-time' }) },
    },
  },
  SubscriberCommandBatchResult: {
    type: 'object',
    required: ['received', 'created', 'replayed', 'commands'],
    additionalProperties: false,
    properties: {
      received: { type: 'integer', minimum: 1 },
      created: { type: 'integer', minimum: 0 },
      replayed: { type: 'integer', minimum: 0, description: 'Events seen before (applied once).' },
      commands: arrayOf({
        type: 'object',
        required: ['id', 'href', 'eventId', 'state', 'replayed'],
        additionalProperties: false,
        properties: {
          id: str({ format: 'uuid' }),
          href: str(),
          eventId: str(),
          state: { type: 'string', enum: subscriberCommandStates },
          replayed: { type: 'boolean' },
        },
      }, { description: 'One per input command, in the input\'s order.' }),
    },
  },
  BillingConfirmation: {
    type: 'object',
    description:
      'POSTed to the command\'s callbackUrl when it is over, through the outbox: retried with backoff until billing answers 2xx, ' +
      'in order per subscriber.',
    required: ['eventId', 'commandId', 'subscriberId', 'command', 'sequence', 'outcome', 'reason', 'networkState', 'services', 'completedAt'],
    additionalProperties: false,
    properties: {
      eventId: str(),
      commandId: str({ format: 'uuid' }),
      subscriberId: str(),
      command: { type: 'string', enum: ['suspend', 'resume'] },
      sequence: { type: 'integer' },
      outcome: { type: 'string', enum: ['applied', 'skipped'] },
      reason: nullableStr({ description: 'Why it was skipped.' }),
      networkState: { type: 'string', enum: ['active', 'suspended'], description: 'The subscriber\'s state on the network now.' },
      services: arrayOf(schemaRef('ElementReceipt')),
      completedAt: str({ format: 'date-time' }),
    },
  },
  Deadline: {
    type: 'object',
    description: 'A running time limit of one step (R3.5): when its pre-alarm and limit come, and how long is left.',
    required: ['id', 'flow', 'subjectId', 'step', 'scopeKey', 'post', 'area', 'startedAt', 'warnAt', 'dueAt', 'remainingSeconds', 'level', 'state'],
    additionalProperties: false,
    properties: {
      id: str({ format: 'uuid' }),
      flow: str({ description: 'Process id of the flow, e.g. order-fulfillment.' }),
      subjectId: str({ format: 'uuid', description: 'The order (ticket, command …) the step belongs to.' }),
      step: str({ description: 'e.g. `order` (the whole order) or `work-order:line`.' }),
      scopeKey: nullableStr({ description: 'Which run of the step, e.g. the work order id.' }),
      post: str({ description: 'The post responsible for the step.' }),
      area: nullableStr(),
      startedAt: dateTime('When the clock started.'),
      warnAt: dateTime('When the pre-alarm comes.'),
      dueAt: dateTime('The limit.'),
      remainingSeconds: { type: 'number', description: 'Seconds until the limit (negative: overdue); frozen while paused.' },
      level: { type: 'string', enum: ['none', 'pre-alarm', 'alarm', 'escalated'] },
      state: { type: 'string', enum: ['running', 'paused'] },
    },
  },
  Alarm: {
    type: 'object',
    description: 'A pre-alarm or alarm raised on a deadline; it clears itself when the step ends.',
    required: ['id', 'deadlineId', 'flow', 'subjectId', 'step', 'scopeKey', 'post', 'level', 'state', 'raisedAt', 'acknowledgedAt', 'acknowledgedBy', 'clearedAt', 'escalatedTo', 'escalatedAt'],
    additionalProperties: false,
    properties: {
      id: str({ format: 'uuid' }),
      deadlineId: str({ format: 'uuid' }),
      flow: str(),
      subjectId: str({ format: 'uuid' }),
      step: str(),
      scopeKey: nullableStr(),
      post: str(),
      level: { type: 'string', enum: ['pre-alarm', 'alarm'] },
      state: { type: 'string', enum: ['raised', 'acknowledged', 'cleared'] },
      raisedAt: dateTime('When it was raised.'),
      acknowledgedAt: { ...nullableStr({ format: 'date-time' }) },
      acknowledgedBy: nullableStr(),
      clearedAt: { ...nullableStr({ format: 'date-time' }) },
      escalatedTo: nullableStr({ description: 'The supervisor post an unacknowledged alarm went up to.' }),
      escalatedAt: { ...nullableStr({ format: 'date-time' }) },
    },
  },
  SlaPolicyInput: {
    type: 'object',
    description: 'A time limit for a step of a flow, optionally only for a customer tier, VIP customers or a priority. `step` `*` is the flow\'s default.',
    required: ['flow', 'step', 'limitSeconds', 'preAlarmSeconds', 'post'],
    additionalProperties: false,
    properties: {
      flow: str({ minLength: 1, maxLength: 100 }),
      step: str({ minLength: 1, maxLength: 200 }),
      customerTier: { type: 'string', nullable: true, enum: ['diamond', 'gold', 'silver', 'ordinary', null] },
      vip: { type: 'boolean', nullable: true },
      priority: { type: 'integer', nullable: true, minimum: 0, maximum: 4 },
      limitSeconds: { type: 'integer', minimum: 1 },
      preAlarmSeconds: { type: 'integer', minimum: 0, description: 'How long before the limit the pre-alarm comes; shorter than the limit.' },
      escalateAfterSeconds: { type: 'integer', nullable: true, minimum: 1, description: 'An alarm nobody acknowledged goes to the post\'s supervisor after this long.' },
      post: str({ description: 'The responsible post.' }),
    },
  },
  SlaPolicy: {
    type: 'object',
    required: ['id', 'flow', 'step', 'customerTier', 'vip', 'priority', 'limitSeconds', 'preAlarmSeconds', 'escalateAfterSeconds', 'post', 'updatedAt'],
    additionalProperties: false,
    properties: {
      id: { type: 'integer' },
      flow: str(),
      step: str(),
      customerTier: nullableStr(),
      vip: { type: 'boolean', nullable: true },
      priority: { type: 'integer', nullable: true },
      limitSeconds: { type: 'integer' },
      preAlarmSeconds: { type: 'integer' },
      escalateAfterSeconds: { type: 'integer', nullable: true },
      post: str(),
      updatedAt: dateTime('Last change.'),
    },
  },
};

// --- operations ----------------------------------------------------------------------------------

const productOrdering = '/tmf-api/productOrderingManagement/v4';
const workOrderManagement = '/tmf-api/workOrderManagement/v4';
const troubleTicket = '/tmf-api/troubleTicket/v4';
const alarmApi = '/tmf-api/alarm/v4';
const productCatalog = '/tmf-api/productCatalogManagement/v4';

const open: Record<string, string[]>[] = [];

/** What the service POSTs to the request's `callbackUrl` (through the outbox: retried until a 2XX). */
const callbackToRequester = (name: string, schema: string) => ({
  [name]: {
    '{$request.body#/callbackUrl}': {
      post: {
        requestBody: { required: true, content: jsonContent(schemaRef(schema)) },
        responses: { '2XX': { description: 'Received; any other answer is retried' } },
      },
    },
  },
});
const errorResponse = (description: string) => response(description, schemaRef('Error'));
const errorNames: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType', 500: 'InternalServerError',
};
/** An operation's error responses, by status (components/responses). */
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, responseRef(errorNames[s]!)]));

/** A dispatcher's action on one entry of the exception queue: they differ only in body and wording. */
function exceptionAction(operationId: string, summary: string, body: string, bodyRequired: boolean, done: string): PathItemObject {
  return {
    post: {
      operationId,
      summary,
      description: roles('dispatcher'),
      tags: ['Exceptions'],
      'x-roles': ['dispatcher'],
      parameters: [{ name: 'key', in: 'path', required: true, description: 'Zeebe incident key.', schema: str({ pattern: '^[0-9]+$' }) }, paramRef('XRequestId')],
      requestBody: { required: bodyRequired, content: jsonContent(schemaRef(body)) },
      responses: {
        200: response(done, schemaRef('ExceptionEntry')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        409: responseRef('Conflict'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
  };
}

const paths: Record<string, PathItemObject> = {
  '/health/live': {
    get: {
      operationId: 'getLiveness',
      summary: 'Liveness: the process answers',
      tags: ['Health'],
      security: open,
      parameters: [paramRef('XRequestId')],
      responses: { 200: response('Up', schemaRef('Health')) },
    },
  },
  '/health/ready': {
    get: {
      operationId: 'getReadiness',
      summary: 'Readiness: the database answers and every Zeebe partition is healthy',
      description: 'The Zeebe check gives up after 3 s.',
      tags: ['Health'],
      security: open,
      parameters: [paramRef('XRequestId')],
      responses: {
        200: response('Ready', schemaRef('Health')),
        503: response('Not ready; `checks` says what is down', schemaRef('Health')),
      },
    },
  },
  '/api-docs': {
    get: {
      operationId: 'getOpenApiDocument',
      summary: 'This OpenAPI document',
      tags: ['Documentation'],
      security: open,
      parameters: [paramRef('XRequestId')],
      responses: {
        200: response('OpenAPI 3.0.3 document', {
          type: 'object',
          required: ['openapi', 'info', 'paths'],
          properties: { openapi: str({ enum: ['3.0.3'] }), info: { type: 'object' }, paths: { type: 'object' } },
        }),
      },
    },
  },

  [`${productOrdering}/productOrder`]: {
    post: {
      operationId: 'createProductOrder',
      summary: 'Submit a product order (TMF622)',
      description:
        `${roles('crm', 'dispatcher')} The order is stored as acknowledged and its fulfilment flow is started; listeners ` +
        'get a ProductOrderCreateEvent. With `Idempotency-Key`, a repeat of the same request (same key, same API key, ' +
        'byte-identical JSON body) creates nothing and answers 200 with the order the first request created, in its ' +
        'current state; the same key with another body is a 422.',
      tags: ['Product Ordering'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [paramRef('IdempotencyKey'), paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('ProductOrder_Create')) },
      responses: {
        201: response('Created', schemaRef('ProductOrder'), { Location: headerRef('Location') }),
        200: response('Replay of an earlier request with the same Idempotency-Key and body', schemaRef('ProductOrder'), {
          Location: headerRef('Location'),
        }),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        422: responseRef('UnprocessableEntity'),
        500: responseRef('InternalServerError'),
      },
    },
    get: {
      operationId: 'listProductOrder',
      summary: 'List product orders (TMF622), newest first',
      description: `${roles('crm', 'dispatcher')} ${listDescription}`,
      tags: ['Product Ordering'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [
        ...listParams,
        filter('id', `Order id. ${uuidNote}`),
        filter('state', 'Order state (a ProductOrderStateType value; other values match nothing).'),
        filter('orderDate', 'The orderDate string exactly as returned.'),
        filter('externalId', 'The client\'s externalId.'),
        filter('category', 'The order category.'),
        filter('priority', 'Priority "0" to "4"; any other value is a 400.', str({ pattern: '^[0-4]$' })),
        filter('relatedParty.id', 'Id of the order\'s Customer party.'),
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The page of orders', arrayOf(schemaRef('ProductOrder')), listHeaders),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  [`${productOrdering}/productOrder/{id}`]: {
    patch: {
      operationId: 'patchProductOrder',
      summary: 'Amend an order in flight (追单): replace its items',
      description:
        `${roles('crm', 'dispatcher')} A JSON merge-patch of \`productOrderItem\` (the whole list). Items missing from ` +
        'the list are removed (what they held is released, their work orders cancelled), new ids are added and ' +
        'provisioned, untouched items are left alone; the trace shows the revision. Refused with 409 past the point of ' +
        'no return, for an item already in service, or for an item changed under its id (remove it and add a new one).',
      tags: ['Product Ordering'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [pathId(`Product order id. ${uuidNote}`), paramRef('XRequestId')],
      requestBody: { required: true, content: { 'application/merge-patch+json': { schema: schemaRef('ProductOrderPatch') }, ...jsonContent(schemaRef('ProductOrderPatch')) } },
      responses: {
        200: response('The amended order', schemaRef('ProductOrder')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        409: responseRef('Conflict'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
    get: {
      operationId: 'retrieveProductOrder',
      summary: 'Read a product order (TMF622)',
      description: roles('crm', 'dispatcher'),
      tags: ['Product Ordering'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [pathId(`Order id. ${uuidNote}`), paramRef('FieldsOne'), paramRef('XRequestId')],
      responses: {
        200: response('The order', schemaRef('ProductOrder')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  [`${productOrdering}/hub`]: {
    post: {
      operationId: 'registerListener',
      summary: 'Register a listener for product order events (TMF622 / TMF688 hub)',
      description:
        `${roles('crm', 'dispatcher')} Every listener gets the events of every product order, not only the orders ` +
        'its API key created. The Location header names the registration; it can be deleted, not read.',
      tags: ['Events'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('EventSubscriptionInput')) },
      responses: {
        201: response('Subscribed', schemaRef('EventSubscription'), { Location: headerRef('Location') }),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
      callbacks: {
        productOrderEvent: {
          '{$request.body#/callback}': {
            post: {
              operationId: 'productOrderEventNotification',
              summary: 'A product order event, POSTed to the listener',
              description:
                'Sent with `content-type: application/json`. Anything but a 2xx within the configured timeout ' +
                '(HUB_TIMEOUT_MS) is retried with exponential back-off (0.5 s doubling, at most 60 s); later events ' +
                'for the same listener wait, so a listener sees them in order.',
              requestBody: { required: true, content: jsonContent(schemaRef('ProductOrderEvent')) },
              responses: {
                '2XX': { description: 'Received' },
                default: { description: 'Not received: the event is delivered again later' },
              },
            },
          },
        },
      },
    },
  },
  [`${productOrdering}/hub/{id}`]: {
    delete: {
      operationId: 'unregisterListener',
      summary: 'Unregister a listener',
      description: `${roles('crm', 'dispatcher')} A key may delete only the registrations it made (an admin key, any).`,
      tags: ['Events'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [pathId(`Registration id. ${uuidNote}`), paramRef('XRequestId')],
      responses: {
        204: response('Deleted'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
  },

  [`${troubleTicket}/troubleTicket`]: {
    post: {
      operationId: 'createTroubleTicket',
      summary: 'Report a fault or a complaint, or an inspection finding (TMF621)',
      description: `${roles('crm', 'dispatcher', 'crew')} Starts the fault-repair flow; merged with other reports on the same failed element.`,
      tags: ['Trouble Ticket'],
      'x-roles': ['crm', 'dispatcher', 'crew'],
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('TroubleTicket_Create')) },
      responses: {
        201: response('Received', schemaRef('TroubleTicket'), { Location: headerRef('Location') }),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
    get: {
      operationId: 'listTroubleTicket',
      summary: 'List trouble tickets (TMF621)',
      description: roles('crm', 'dispatcher'),
      tags: ['Trouble Ticket'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [
        ...listParams,
        filter('id', 'Ticket id (exact).'),
        filter('status', 'Status.'),
        filter('severity', 'Severity, exactly as sent.'),
        filter('ticketType', 'Ticket type, exactly as sent.'),
        filter('externalId', 'The requester\'s id.'),
        filter('priority', 'Priority 1–4.'),
        filter('relatedParty.id', 'Customer id.'),
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The page of tickets', arrayOf(schemaRef('TroubleTicket')), listHeaders),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  [`${troubleTicket}/troubleTicket/{id}`]: {
    get: {
      operationId: 'retrieveTroubleTicket',
      summary: 'Read a trouble ticket (TMF621)',
      description: roles('crm', 'dispatcher'),
      tags: ['Trouble Ticket'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [pathId(`Ticket id. ${uuidNote}`), paramRef('FieldsOne'), paramRef('XRequestId')],
      responses: {
        200: response('The ticket', schemaRef('TroubleTicket')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
    patch: {
      operationId: 'patchTroubleTicket',
      summary: 'Confirm, reopen or cancel a ticket, or add a note (TMF621)',
      description: `${roles('crm', 'dispatcher')} The status change is made by the flow right after; a master ticket\'s status cannot be set (409).`,
      tags: ['Trouble Ticket'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [pathId(`Ticket id. ${uuidNote}`), paramRef('XRequestId')],
      requestBody: { required: true, content: { 'application/merge-patch+json': { schema: schemaRef('TroubleTicketPatch') }, ...jsonContent(schemaRef('TroubleTicketPatch')) } },
      responses: {
        200: response('The ticket', schemaRef('TroubleTicket')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        409: responseRef('Conflict'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  [`${troubleTicket}/hub`]: {
    post: {
      operationId: 'registerTroubleTicketListener',
      summary: 'Register a listener for trouble ticket events (TMF621 hub)',
      description: `${roles('crm', 'dispatcher')} TroubleTicketCreateEvent, TroubleTicketStatusChangeEvent and TroubleTicketResolvedEvent, each with the ticket; retried and in order per listener like the product order events.`,
      tags: ['Events'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('EventSubscriptionInput')) },
      responses: {
        201: response('Subscribed', schemaRef('EventSubscription'), { Location: headerRef('Location') }),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  [`${troubleTicket}/hub/{id}`]: {
    delete: {
      operationId: 'unregisterTroubleTicketListener',
      summary: 'Unregister a listener',
      description: `${roles('crm', 'dispatcher')} A key may delete only the registrations it made (an admin key, any).`,
      tags: ['Events'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [pathId(`Registration id. ${uuidNote}`), paramRef('XRequestId')],
      responses: {
        204: response('Deleted'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  [`${alarmApi}/alarm`]: {
    post: {
      operationId: 'createAlarm',
      summary: 'Raise a network alarm (TMF642): opens a trouble ticket',
      description: `${roles('nms')} The same externalAlarmId again answers 200 with the alarm already received.`,
      tags: ['Alarm'],
      'x-roles': ['nms'],
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('NetworkAlarm_Create')) },
      responses: {
        200: response('Already received', schemaRef('NetworkAlarm'), { Location: headerRef('Location') }),
        201: response('Raised', schemaRef('NetworkAlarm'), { Location: headerRef('Location') }),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  [`${alarmApi}/alarm/{id}`]: {
    get: {
      operationId: 'retrieveAlarm',
      summary: 'Read an alarm',
      description: roles('nms', 'dispatcher'),
      tags: ['Alarm'],
      'x-roles': ['nms', 'dispatcher'],
      parameters: [pathId(`Alarm id. ${uuidNote}`), paramRef('XRequestId')],
      responses: {
        200: response('The alarm', schemaRef('NetworkAlarm')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
    patch: {
      operationId: 'patchAlarm',
      summary: 'Clear an alarm or change its severity (TMF642)',
      description: `${roles('nms')} Cleared before the repair was dispatched, its ticket closes without a work order.`,
      tags: ['Alarm'],
      'x-roles': ['nms'],
      parameters: [pathId(`Alarm id. ${uuidNote}`), paramRef('XRequestId')],
      requestBody: { required: true, content: { 'application/merge-patch+json': { schema: schemaRef('NetworkAlarmPatch') }, ...jsonContent(schemaRef('NetworkAlarmPatch')) } },
      responses: {
        200: response('The alarm', schemaRef('NetworkAlarm')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        409: responseRef('Conflict'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
  },

  [`${workOrderManagement}/workOrder`]: {
    get: {
      operationId: 'listWorkOrder',
      summary: 'List work orders (TMF697), oldest first',
      description:
        `${roles('crew', 'dispatcher')} A crew key sees its own crew's work orders only. ${listDescription}`,
      tags: ['Work Order'],
      'x-roles': ['crew', 'dispatcher'],
      parameters: [
        ...listParams,
        filter('state', 'Work order state.'),
        filter('crew', 'Crew id (the relatedParty with role crew); `none`: the work orders no crew holds.'),
        filter('relatedEntity.id', `Id of the order, ticket or construction order the work is for. ${uuidNote}`),
        filter('category', 'Work-order kind.'),
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The page of work orders', arrayOf(schemaRef('WorkOrder')), listHeaders),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  [`${workOrderManagement}/workOrder/{id}`]: {
    get: {
      operationId: 'retrieveWorkOrder',
      summary: 'Read a work order (TMF697)',
      description: `${roles('crew', 'dispatcher')} A crew key gets 403 for another crew's work order.`,
      tags: ['Work Order'],
      'x-roles': ['crew', 'dispatcher'],
      parameters: [pathId(`Work order id. ${uuidNote}`), paramRef('FieldsOne'), paramRef('XRequestId')],
      responses: {
        200: response('The work order', schemaRef('WorkOrder')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
    patch: {
      operationId: 'patchWorkOrder',
      summary: 'Accept or close a work order (TMF697)',
      description:
        `${roles('crew', 'dispatcher')} A crew key may change its own crew's work orders only. \`{ "state": "inProgress" }\` ` +
        'accepts; `{ "state": "completed", ... }` closes with the data of the step\'s form (checked against it on the server), and the order\'s flow resumes. Closing a ' +
        'completed or cancelled work order, or accepting one that is not acknowledged, is a 409. The body is checked ' +
        'before the work order is looked up.',
      tags: ['Work Order'],
      'x-roles': ['crew', 'dispatcher'],
      parameters: [pathId(`Work order id. ${uuidNote}`), paramRef('XRequestId')],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: schemaRef('WorkOrderPatch') },
          'application/merge-patch+json': { schema: schemaRef('WorkOrderPatch') },
        },
      },
      responses: {
        200: response('The work order after the change', schemaRef('WorkOrder')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        409: responseRef('Conflict'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
  },

  [`${workOrderManagement}/workOrder/{id}/return`]: {
    post: {
      operationId: 'returnWorkOrder',
      summary: 'Give a work order back to dispatch, with a reason',
      description:
        `${roles('crew', 'dispatcher')} A crew key may return its own crew's open (acknowledged or inProgress) work orders only. ` +
        'The work order goes to the least-loaded other crew of its skill in its area that has not returned it before, or, when ' +
        'there is none, to the dispatchers (no crew; `POST .../assign`). It stays acknowledged, the same work order: the flow ' +
        'keeps waiting for its close and its time limit runs on. The order\'s trace records who returned it, why, and to whom ' +
        'it went. Returning a completed or cancelled work order is a 409.',
      tags: ['Work Order'],
      'x-roles': ['crew', 'dispatcher'],
      parameters: [pathId(`Work order id. ${uuidNote}`), paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('WorkOrderReturn')) },
      responses: {
        200: response('The work order after the return (with its new crew, or none)', schemaRef('WorkOrder')),
        ...errors(400, 401, 403, 404, 409, 413, 415, 500),
      },
    },
  },
  [`${workOrderManagement}/workOrder/{id}/assign`]: {
    post: {
      operationId: 'assignWorkOrder',
      summary: 'Hand an open work order to a crew',
      description:
        `${roles('dispatcher')} For a work order nobody was left to take after returns, or to move work between crews. The crew ` +
        'must have the work order\'s skill (else 400); the work order becomes acknowledged for that crew. A completed or ' +
        'cancelled work order is a 409.',
      tags: ['Work Order'],
      'x-roles': ['dispatcher'],
      parameters: [pathId(`Work order id. ${uuidNote}`), paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('WorkOrderAssign')) },
      responses: {
        200: response('The work order with its crew', schemaRef('WorkOrder')),
        ...errors(400, 401, 403, 404, 409, 413, 415, 500),
      },
    },
  },

  [`${productCatalog}/productOffering`]: {
    get: {
      operationId: 'listProductOffering',
      summary: 'List product offerings (TMF620), by id',
      description: `Any valid API key. ${listDescription}`,
      tags: ['Product Catalog'],
      parameters: [
        ...listParams,
        filter('id', 'Offering id.'),
        filter('lifecycleStatus', 'Lifecycle status, e.g. Active.'),
        filter('isBundle', '"true" or "false" (other values match nothing).'),
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The page of offerings', arrayOf(schemaRef('ProductOffering')), listHeaders),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  [`${productCatalog}/productOffering/{id}`]: {
    get: {
      operationId: 'retrieveProductOffering',
      summary: 'Read a product offering (TMF620)',
      description: 'Any valid API key.',
      tags: ['Product Catalog'],
      parameters: [pathId('Offering id.'), paramRef('FieldsOne'), paramRef('XRequestId')],
      responses: {
        200: response('The offering', schemaRef('ProductOffering')),
        401: responseRef('Unauthorized'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
  },

  '/api/v1/orders/{id}/trace': {
    get: {
      operationId: 'getOrderTrace',
      summary: 'Order trace: every step with entered/left times, duration, actor and outcome, and where the order is now',
      description: roles('dispatcher', 'crm'),
      tags: ['Order Trace'],
      'x-roles': ['dispatcher', 'crm'],
      parameters: [pathId(`Product order id. ${uuidNote}`), paramRef('XRequestId')],
      responses: {
        200: response('The trace', schemaRef('OrderTrace')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  [`${productOrdering}/cancelProductOrder`]: {
    post: {
      operationId: 'createCancelProductOrder',
      summary: 'Cancel an order in flight (撤单)',
      description: `${roles('crm', 'dispatcher')} Always 201: the task says whether the cancel is under way or was refused.`,
      tags: ['Product Ordering'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('CancelProductOrder_Create')) },
      responses: {
        201: response('The cancel task', schemaRef('CancelProductOrder'), { Location: headerRef('Location') }),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
    get: {
      operationId: 'listCancelProductOrder',
      summary: 'List cancel tasks, newest first',
      description: roles('crm', 'dispatcher'),
      tags: ['Product Ordering'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [...listParams, filter('state', 'Task state.'), filter('productOrder.id', 'The order.', str({ format: 'uuid' })), paramRef('XRequestId')],
      responses: {
        200: response('The cancel tasks', arrayOf(schemaRef('CancelProductOrder')), listHeaders),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  [`${productOrdering}/cancelProductOrder/{id}`]: {
    get: {
      operationId: 'retrieveCancelProductOrder',
      summary: 'Read a cancel task',
      description: roles('crm', 'dispatcher'),
      tags: ['Product Ordering'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [pathId(`Cancel task id. ${uuidNote}`), paramRef('Fields'), paramRef('XRequestId')],
      responses: {
        200: response('The cancel task', schemaRef('CancelProductOrder')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/tmf-api/resourceInventoryManagement/v4/resource': {
    post: {
      operationId: 'createResource',
      summary: 'Add a network resource; it is offered at once to orders waiting for capacity in its area',
      description: roles('nms'),
      tags: ['Resource Inventory'],
      'x-roles': ['nms'],
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('Resource_Create')) },
      responses: {
        201: response('Added', schemaRef('Resource'), { Location: headerRef('Location') }),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        409: responseRef('Conflict'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
    get: {
      operationId: 'listResource',
      summary: 'List network resources',
      description: roles('dispatcher', 'nms'),
      tags: ['Resource Inventory'],
      'x-roles': ['dispatcher', 'nms'],
      parameters: [
        ...listParams,
        filter('category', 'Resource type, e.g. pon_port.'),
        filter('place.id', 'Area code.'),
        filter('usageState', 'idle, active or busy.'),
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The resources', arrayOf(schemaRef('Resource')), listHeaders),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/tmf-api/resourceInventoryManagement/v4/resource/{id}': {
    get: {
      operationId: 'retrieveResource',
      summary: 'Read a network resource',
      description: roles('dispatcher', 'nms'),
      tags: ['Resource Inventory'],
      'x-roles': ['dispatcher', 'nms'],
      parameters: [pathId(`Resource id. ${uuidNote}`), paramRef('Fields'), paramRef('XRequestId')],
      responses: {
        200: response('The resource', schemaRef('Resource')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/orders/{id}/defer': {
    post: {
      operationId: 'deferOrder',
      summary: 'Defer installation (缓装) to a date: the order is held, open work orders suspended, clocks stopped',
      description: `${roles('crm', 'dispatcher')} Deferring a held order again moves the date. Refused (409) past the point of no return or once the order has ended.`,
      tags: ['Order Trace'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [pathId(`Product order id. ${uuidNote}`), paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('DeferOrder')) },
      responses: {
        200: response('The held order', schemaRef('ProductOrder')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        409: responseRef('Conflict'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/orders/{id}/resume': {
    post: {
      operationId: 'resumeOrder',
      summary: 'End a deferral early: work orders back to the crews, clocks running, dispatch allowed',
      description: roles('crm', 'dispatcher'),
      tags: ['Order Trace'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [pathId(`Product order id. ${uuidNote}`), paramRef('XRequestId')],
      responses: {
        200: response('The resumed order', schemaRef('ProductOrder')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        409: responseRef('Conflict'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/orders/{id}/chase': {
    post: {
      operationId: 'chaseOrder',
      summary: 'The customer chases the order (催单): its priority goes up, the posts working it are told, the chase is recorded',
      description: roles('crm', 'dispatcher'),
      tags: ['Order Trace'],
      'x-roles': ['crm', 'dispatcher'],
      parameters: [pathId(`Product order id. ${uuidNote}`), paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('Chase')) },
      responses: {
        200: response('Chased', schemaRef('ChaseResult')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        409: responseRef('Conflict'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/notifications': {
    get: {
      operationId: 'listPostNotifications',
      summary: 'Notices to posts (e.g. chases), newest first',
      description: roles('dispatcher'),
      tags: ['Order Trace'],
      'x-roles': ['dispatcher'],
      parameters: [filter('post', 'Only this post\'s notices.'), paramRef('XRequestId')],
      responses: {
        200: response('The notices', arrayOf(schemaRef('PostNotification'))),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/orders/{id}/retry-capacity': {
    post: {
      operationId: 'retryPendingOrder',
      summary: 'Send an order waiting for capacity (转待装) to design again now',
      description: roles('dispatcher'),
      tags: ['Order Trace'],
      'x-roles': ['dispatcher'],
      parameters: [pathId(`Product order id. ${uuidNote}`), paramRef('XRequestId')],
      responses: {
        202: response('The order tries again', schemaRef('RetryAccepted')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        409: responseRef('Conflict'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/tasks': {
    get: {
      operationId: 'listPostTasks',
      summary: 'Open tasks of my posts, oldest first (dispatchers and administrators: every post\'s)',
      description: 'Any authenticated principal; a principal holding no post sees none.',
      tags: ['Post tasks'],
      parameters: [
        filter('post', 'Only this post\'s tasks.'),
        filter('subjectId', 'Only the tasks about this ticket or order.', str({ format: 'uuid' })),
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The open tasks', arrayOf(schemaRef('PostTask'))),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/tasks/{id}/complete': {
    post: {
      operationId: 'completePostTask',
      summary: 'Answer a task: the flow goes on with the answer',
      description: 'Only a holder of the task\'s post (or an administrator). The data is checked against the task\'s form; nothing is recorded when it fails.',
      tags: ['Post tasks'],
      parameters: [{ name: 'id', in: 'path', required: true, schema: str({ format: 'uuid' }) }, paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('PostTaskCompletion')) },
      responses: {
        200: response('The completed task', schemaRef('PostTask')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        409: responseRef('Conflict'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/constructionOrders': {
    post: {
      operationId: 'createConstructionOrder',
      summary: 'Request construction (基础建设): the flow takes it through approval, design, construction, acceptance and archiving',
      description: `${roles('planning', 'dispatcher')} The request and the start of its flow are written in one transaction. Nothing is written when the body is refused.`,
      tags: ['Construction'],
      'x-roles': ['planning', 'dispatcher'],
      parameters: [paramRef('IdempotencyKey'), paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('ConstructionOrderCreate')) },
      responses: {
        201: response('Received; the flow runs it', schemaRef('ConstructionOrder'), { Location: headerRef('Location') }),
        200: response('Replay of a request with the same Idempotency-Key and body', schemaRef('ConstructionOrder'), { Location: headerRef('Location') }),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        422: responseRef('UnprocessableEntity'),
        500: responseRef('InternalServerError'),
      },
      callbacks: callbackToRequester('outcome', 'ConstructionOrderStateChangeEvent'),
    },
    get: {
      operationId: 'listConstructionOrders',
      summary: 'Construction orders, newest first',
      description: roles('planning', 'dispatcher'),
      tags: ['Construction'],
      'x-roles': ['planning', 'dispatcher'],
      parameters: [
        ...listParams,
        filter('state', `${constructionStates.join(', ')}.`),
        filter('source', `${constructionSources.join(', ')}.`),
        filter('area', 'Service area code.'),
        filter('externalId', 'The requester\'s reference.'),
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The construction orders', arrayOf(schemaRef('ConstructionOrder')), listHeaders),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/constructionOrders/{id}': {
    get: {
      operationId: 'getConstructionOrder',
      summary: 'One construction order',
      description: roles('planning', 'dispatcher'),
      tags: ['Construction'],
      'x-roles': ['planning', 'dispatcher'],
      parameters: [pathId(`Construction order id. ${uuidNote}`), paramRef('FieldsOne'), paramRef('XRequestId')],
      responses: {
        200: response('The construction order', schemaRef('ConstructionOrder')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/constructionOrders/{id}/cancel': {
    post: {
      operationId: 'cancelConstructionOrder',
      summary: 'Cancel a construction request: its flow stops, its open work orders are cancelled, its materials go back to the store',
      description: `${roles('planning', 'dispatcher')} Everything happens in one transaction with the request: the order is cancelled with the reason, `
        + 'its open work orders and post tasks are cancelled, its material reservations released and its clocks stopped, the requester\'s callbackUrl '
        + 'is told, and the flow is interrupted through the outbox. What was already built stays; nothing enters the inventory. '
        + 'Refused (409) once the order has ended: completed (its sites archived), rejected, cancelled or failed.',
      tags: ['Construction'],
      'x-roles': ['planning', 'dispatcher'],
      parameters: [pathId(`Construction order id. ${uuidNote}`), paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('ConstructionOrderCancel')) },
      responses: {
        200: response('Cancelled', schemaRef('ConstructionOrder')),
        ...errors(400, 401, 403, 404, 409, 413, 415, 500),
      },
      callbacks: callbackToRequester('outcome', 'ConstructionOrderStateChangeEvent'),
    },
  },
  '/api/v1/constructionOrders/{id}/trace': {
    get: {
      operationId: 'getConstructionOrderTrace',
      summary: 'Every step of a construction order, with who and when',
      description: roles('planning', 'dispatcher'),
      tags: ['Construction'],
      'x-roles': ['planning', 'dispatcher'],
      parameters: [pathId(`Construction order id. ${uuidNote}`), paramRef('XRequestId')],
      responses: {
        200: response('The trace', schemaRef('ConstructionOrderTrace')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/exceptions': {
    get: {
      operationId: 'listExceptions',
      summary: 'The exception queue, oldest first',
      description: roles('dispatcher'),
      tags: ['Exceptions'],
      'x-roles': ['dispatcher'],
      parameters: [filter('orderId', 'Only the exceptions of this order, trouble ticket or construction order.', str({ format: 'uuid' })), paramRef('XRequestId')],
      responses: {
        200: response('The open exceptions', arrayOf(schemaRef('ExceptionEntry'))),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/exceptions/{key}/retry': exceptionAction('retryException', 'Retry the step after fixing its data', 'ExceptionRetry', false, 'Retried'),
  '/api/v1/exceptions/{key}/skip': exceptionAction('skipException', 'Skip the step (done outside the system), with a written reason', 'ExceptionSkip', true, 'Skipped'),
  '/api/v1/exceptions/{key}/abort': exceptionAction('abortException', 'Abort the order with compensation', 'ExceptionAbort', true, 'Aborted'),
  '/api/v1/reconciliation': {
    get: {
      operationId: 'reconcile',
      summary: 'Orders whose business state and process state disagree',
      description: roles('dispatcher'),
      tags: ['Exceptions'],
      'x-roles': ['dispatcher'],
      parameters: [filter('settleSeconds', 'Leave alone orders changed within this many seconds (default 10): the engine\'s record may still be on its way.', { type: 'integer', minimum: 0, maximum: 3600 }), paramRef('XRequestId')],
      responses: {
        200: response('The check', schemaRef('Reconciliation')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/deadlines': {
    get: {
      operationId: 'listDeadlines',
      summary: 'Running deadlines, soonest due first (what the engine\'s own tools cannot show)',
      description: roles('dispatcher'),
      tags: ['Time Limits'],
      'x-roles': ['dispatcher'],
      parameters: [
        ...listParams,
        filter('flow', 'Flow (process id).'),
        filter('step', 'Step name, e.g. work-order:line.'),
        filter('post', 'Responsible post.'),
        filter('level', 'none, pre-alarm, alarm or escalated.'),
        filter('subjectId', 'The order (ticket …).', str({ format: 'uuid' })),
        filter('area', 'The order\'s area.'),
        filter('state', 'running, paused, or open (both; the default).'),
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The deadlines', arrayOf(schemaRef('Deadline')), listHeaders),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/alarms': {
    get: {
      operationId: 'listAlarms',
      summary: 'Alarms, newest first',
      description: roles('dispatcher'),
      tags: ['Time Limits'],
      'x-roles': ['dispatcher'],
      parameters: [
        ...listParams,
        filter('state', 'raised, acknowledged or cleared.'),
        filter('level', 'pre-alarm or alarm.'),
        filter('post', 'Responsible post or the post it escalated to.'),
        filter('flow', 'Flow (process id).'),
        filter('subjectId', 'The order (ticket …).', str({ format: 'uuid' })),
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The alarms', arrayOf(schemaRef('Alarm')), listHeaders),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/alarms/{id}/acknowledge': {
    post: {
      operationId: 'acknowledgeAlarm',
      summary: 'Acknowledge an alarm (someone is on it: it does not escalate)',
      description: roles('dispatcher'),
      tags: ['Time Limits'],
      'x-roles': ['dispatcher'],
      parameters: [pathId(`Alarm id. ${uuidNote}`), paramRef('XRequestId')],
      responses: {
        200: response('Acknowledged (or already was)', schemaRef('Alarm')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        409: responseRef('Conflict'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/sla-policies': {
    get: {
      operationId: 'listSlaPolicies',
      summary: 'Time-limit policies',
      description: roles('dispatcher'),
      tags: ['Time Limits'],
      'x-roles': ['dispatcher'],
      parameters: [paramRef('XRequestId')],
      responses: {
        200: response('The policies', arrayOf(schemaRef('SlaPolicy'))),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
    post: {
      operationId: 'createSlaPolicy',
      summary: 'Add a time-limit policy (applies to steps that start from now on)',
      description: roles('admin'),
      tags: ['Time Limits'],
      'x-roles': ['admin'],
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('SlaPolicyInput')) },
      responses: {
        201: response('Created', schemaRef('SlaPolicy')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        409: responseRef('Conflict'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/sla-policies/{id}': {
    put: {
      operationId: 'replaceSlaPolicy',
      summary: 'Change a time-limit policy (running steps keep the deadlines they started with)',
      description: roles('admin'),
      tags: ['Time Limits'],
      'x-roles': ['admin'],
      parameters: [pathId('Policy id.', { type: 'integer' }), paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('SlaPolicyInput')) },
      responses: {
        200: response('Changed', schemaRef('SlaPolicy')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        409: responseRef('Conflict'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
    delete: {
      operationId: 'deleteSlaPolicy',
      summary: 'Remove a time-limit policy',
      description: roles('admin'),
      tags: ['Time Limits'],
      'x-roles': ['admin'],
      parameters: [pathId('Policy id.', { type: 'integer' }), paramRef('XRequestId')],
      responses: {
        204: { description: 'Removed' },
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/billing/subscriber-commands': {
    post: {
      operationId: 'createSubscriberCommand',
      summary: 'Billing orders a subscriber\'s services suspended (欠费停机) or resumed (缴费复机)',
      description: `${roles('billing')} Billing\'s eventId makes a retry safe: the same event again answers 200 with the existing command.`,
      tags: ['Suspend / Resume'],
      'x-roles': ['billing'],
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('SubscriberCommandInput')) },
      responses: {
        201: response('Received; the flow runs it', schemaRef('SubscriberCommand'), { Location: headerRef('Location') }),
        200: response('Replay of an event already received', schemaRef('SubscriberCommand'), { Location: headerRef('Location') }),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        422: response('The eventId was already used for a different command', schemaRef('Error')),
        500: responseRef('InternalServerError'),
      },
      callbacks: callbackToRequester('confirmation', 'BillingConfirmation'),
    },
    get: {
      operationId: 'listSubscriberCommands',
      summary: 'Billing commands, oldest first',
      description: roles('billing', 'dispatcher'),
      tags: ['Suspend / Resume'],
      'x-roles': ['billing', 'dispatcher'],
      parameters: [
        ...listParams,
        filter('subscriberId', 'Subscriber.'),
        filter('state', 'received, inProgress, completed or skipped.'),
        filter('command', 'suspend or resume.'),
        filter('eventId', 'Billing\'s event id.'),
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The commands', arrayOf(schemaRef('SubscriberCommand')), listHeaders),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/billing/subscriber-commands/batch': {
    post: {
      operationId: 'createSubscriberCommandBatch',
      summary: 'A billing run\'s commands in one request (up to 500), all or nothing',
      description: `${roles('billing')} Each command is handled as by POST /api/v1/billing/subscriber-commands; events seen before are replays.`,
      tags: ['Suspend / Resume'],
      'x-roles': ['billing'],
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('SubscriberCommandBatchInput')) },
      responses: {
        201: response('Received (at least one command is new)', schemaRef('SubscriberCommandBatchResult')),
        200: response('Every command was a replay', schemaRef('SubscriberCommandBatchResult')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        422: response('An eventId was already used for a different command; nothing was received', schemaRef('Error')),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/billing/subscriber-commands/{id}': {
    get: {
      operationId: 'getSubscriberCommand',
      summary: 'One billing command and its state',
      description: roles('billing', 'dispatcher'),
      tags: ['Suspend / Resume'],
      'x-roles': ['billing', 'dispatcher'],
      parameters: [pathId(`Command id. ${uuidNote}`), paramRef('XRequestId')],
      responses: {
        200: response('The command', schemaRef('SubscriberCommand')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/session': {
    post: {
      operationId: 'logIn',
      summary: 'Log in: username and password for a session token',
      description:
        'No key needed. The token expires after 10 hours; only its hash is stored. A wrong password and an unknown ' +
        'username answer the same 401, after the same scrypt work.',
      tags: ['Sessions'],
      security: open,
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('LoginRequest')) },
      responses: {
        201: response('Logged in', schemaRef('Session')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
    get: {
      operationId: 'whoami',
      summary: 'Who the bearer is (a person\'s session or an API key) and its roles',
      tags: ['Sessions'],
      parameters: [paramRef('XRequestId')],
      responses: {
        200: response('The bearer', schemaRef('Whoami')),
        401: responseRef('Unauthorized'),
        500: responseRef('InternalServerError'),
      },
    },
    delete: {
      operationId: 'logOut',
      summary: 'Log out: the session token stops working (an API key is left alone)',
      tags: ['Sessions'],
      parameters: [paramRef('XRequestId')],
      responses: {
        204: { description: 'Logged out' },
        401: responseRef('Unauthorized'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/processes': {
    get: {
      operationId: 'listProcesses',
      summary: 'Deployed flows with their versions',
      description: roles('designer', 'dispatcher'),
      tags: ['Flows'],
      'x-roles': ['designer', 'dispatcher'],
      parameters: [paramRef('XRequestId')],
      responses: {
        200: response('The flows', arrayOf(schemaRef('ProcessSummary'))),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
    post: {
      operationId: 'deployProcess',
      summary: 'Deploy a BPMN diagram: new instances run the new version, running ones finish on theirs',
      description:
        `${roles('designer')} The body is the BPMN 2.0 XML (at most 2 MB). The server lints it (bpmnlint:recommended + ` +
        'camunda-compat for Camunda 8.6) and refuses it with 422 and the lint errors in `details` if any remain; ' +
        'warnings do not block. The broker may refuse what the linter let through (422 too).',
      tags: ['Flows'],
      'x-roles': ['designer'],
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: { 'application/xml': { schema: str({ description: 'BPMN 2.0 XML' }) } } },
      responses: {
        201: response('Deployed', schemaRef('DeployResult')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        413: errorResponse('Payload Too Large: the diagram exceeds 2 MB'),
        422: errorResponse('Unprocessable Entity: lint errors (listed in `details`) or the broker refused the diagram; nothing was deployed'),
        500: responseRef('InternalServerError'),
        503: errorResponse('Service Unavailable: the broker could not be reached'),
      },
    },
  },
  '/api/v1/processes/{processId}': {
    get: {
      operationId: 'getProcessVersion',
      summary: 'One version of a flow, with its XML (the newest unless `version` is given)',
      description: roles('designer', 'dispatcher'),
      tags: ['Flows'],
      'x-roles': ['designer', 'dispatcher'],
      parameters: [
        { name: 'processId', in: 'path', required: true, description: 'BPMN process id, e.g. order-fulfillment.', schema: str() },
        { name: 'version', in: 'query', required: false, description: 'Version number; a positive integer, else 400.', schema: { type: 'integer', minimum: 1 } },
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The version', schemaRef('ProcessVersion')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/board': {
    get: {
      operationId: 'getBoard',
      summary: 'The dispatcher board: orders, tickets, suspensions and construction orders by flow, state, current step, area and age',
      description:
        `${roles('dispatcher')} Filters combine; every one is served by an index. Unknown query parameters are a 400. ` +
        'Paged with offset/limit (limit 1 to 200, default 50).',
      tags: ['Dispatch'],
      'x-roles': ['dispatcher'],
      parameters: [
        { name: 'kind', in: 'query', required: false, description: 'Only this kind (flow).', schema: schemaRef('BoardKind') },
        { name: 'open', in: 'query', required: false, description: '`true`: only those still in their flow; `false`: only finished ones.', schema: { type: 'string', enum: ['true', 'false'] } },
        filter('state', 'The subject\'s state.'),
        filter('area', 'Area code.'),
        filter('step', 'Current step: `work-order` or a job type.'),
        { name: 'q', in: 'query', required: false, description: 'An id, or the start of the requester\'s reference (CRM order id, billing event id …) or of the customer (subscriber, source).', schema: str({ maxLength: 200 }) },
        { name: 'minAgeMinutes', in: 'query', required: false, description: 'Only subjects at least this old.', schema: { type: 'integer', minimum: 0 } },
        { name: 'sort', in: 'query', required: false, description: '`-createdAt` (newest first, default), `createdAt` (oldest first), `priority`, `stepSince` (longest at their step first).', schema: { type: 'string', enum: ['-createdAt', 'createdAt', 'priority', 'stepSince'] } },
        { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('A page of the board', arrayOf(schemaRef('BoardItem')), listHeaders),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/board/summary': {
    get: {
      operationId: 'getBoardSummary',
      summary: 'Counts by kind, state, area and current step',
      description: roles('dispatcher'),
      tags: ['Dispatch'],
      'x-roles': ['dispatcher'],
      parameters: [
        { name: 'kind', in: 'query', required: false, description: 'Count only this kind (byKind always counts all).', schema: schemaRef('BoardKind') },
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The counts', schemaRef('BoardSummary')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/orders/{id}/progress': {
    get: {
      operationId: 'getOrderProgress',
      summary: 'An order\'s (or ticket\'s, suspension\'s, construction order\'s) BPMN diagram with its current step and the steps it passed',
      description: roles('dispatcher'),
      tags: ['Dispatch'],
      'x-roles': ['dispatcher'],
      parameters: [pathId(`The id of any subject on the board. ${uuidNote}`), paramRef('XRequestId')],
      responses: {
        200: response('The progress', schemaRef('OrderProgress')),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        404: responseRef('NotFound'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/events': {
    get: {
      operationId: 'streamEvents',
      summary: 'Live updates: a server-sent event for every trace entry and every change of a deadline, an alarm or the exception queue',
      description:
        `${roles('dispatcher')} ` + '`text/event-stream`, events as they are committed. `event: trace` has `id` the trace entry id and ' +
        '`data` a JSON `{ id, orderId, kind, step, outcome, at }`. `event: deadline` (a clock started, paused, resumed, moved, changed level or ' +
        'stopped), `event: alarm` (raised, acknowledged, escalated, cleared) and `event: exception` (an incident entered or left the queue) have ' +
        '`data` a JSON `{ topic, id, subjectId, state }`: `id` the deadline\'s or alarm\'s id or the incident key, `subjectId` the order ' +
        '(null for an incident). They say what to read again, not the new state. A comment line every 15 s keeps the stream open.',
      tags: ['Dispatch'],
      'x-roles': ['dispatcher'],
      parameters: [
        { name: 'orderId', in: 'query', required: false, description: 'Only this order\'s trace entries, deadlines and alarms (no exception events); a uuid, else 400.', schema: str({ format: 'uuid' }) },
        paramRef('XRequestId'),
      ],
      responses: {
        200: { description: 'The stream', headers: { 'X-Request-Id': headerRef('XRequestId') }, content: { 'text/event-stream': { schema: str() } } },
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/statistics': {
    get: {
      operationId: 'getStatistics',
      summary: 'Volumes per day, step durations (p50/p90) and on-time rates per step, region and crew',
      description:
        `${roles('dispatcher')} Whole local days \`from\` to \`to\` (both included) in the time zone \`tz\`. Without dates: the last 14 days ` +
        'up to today; with only one of them, 14 days from or up to it. At most 366 days. Unknown query parameters are a 400.',
      tags: ['Dispatch'],
      'x-roles': ['dispatcher'],
      parameters: [
        { name: 'from', in: 'query', required: false, description: 'First day, YYYY-MM-DD.', schema: str({ format: 'date' }) },
        { name: 'to', in: 'query', required: false, description: 'Last day, YYYY-MM-DD.', schema: str({ format: 'date' }) },
        { name: 'tz', in: 'query', required: false, description: 'IANA time zone the days are counted in, e.g. Asia/Shanghai.', schema: str({ default: 'UTC', maxLength: 64 }) },
        filter('area', 'Only orders (and work orders) of this area.'),
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The statistics', schemaRef('Statistics')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/crews': {
    get: {
      operationId: 'listCrews',
      summary: 'Field crews with their skills, area and open work orders, least loaded first',
      description: `${roles('dispatcher')} For assigning a work order no crew holds (POST .../workOrder/{id}/assign).`,
      tags: ['Work Order'],
      'x-roles': ['dispatcher'],
      parameters: [
        filter('skill', 'Only crews with this skill.'),
        filter('area', 'Only crews of this area.'),
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The crews', arrayOf({
          type: 'object',
          required: ['id', 'name', 'area', 'skills', 'openWorkOrders'],
          additionalProperties: false,
          properties: {
            id: str(), name: str(), area: str(), skills: arrayOf(str()),
            openWorkOrders: { type: 'integer', minimum: 0, description: 'Work orders it holds now, accepted or not.' },
          },
        })),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/work-order-kinds': {
    get: {
      operationId: 'listWorkOrderKinds',
      summary: 'Kinds of field work and the form each one\'s crews fill in',
      description: roles('crew', 'dispatcher', 'designer'),
      tags: ['Work Order'],
      'x-roles': ['crew', 'dispatcher', 'designer'],
      parameters: [paramRef('XRequestId')],
      responses: {
        200: response('The kinds', arrayOf(schemaRef('WorkOrderKind'))),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/forms': {
    get: {
      operationId: 'listForms',
      summary: 'Step forms with their versions and the steps that show them',
      description: roles('designer'),
      tags: ['Forms'],
      'x-roles': ['designer'],
      parameters: [paramRef('XRequestId')],
      responses: {
        200: response('The forms, by id', arrayOf(schemaRef('Form'))),
        ...errors(401, 403, 500),
      },
    },
    post: {
      operationId: 'createForm',
      summary: 'Create a form with its first version',
      description: `${roles('designer')} A form id that exists is a 409; a form the server could not check submissions against is a 400.`,
      tags: ['Forms'],
      'x-roles': ['designer'],
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('FormCreate')) },
      responses: {
        201: response('Version 1', schemaRef('FormVersion')),
        ...errors(400, 401, 403, 409, 413, 415, 500),
      },
    },
  },
  '/api/v1/forms/{id}': {
    get: {
      operationId: 'getForm',
      summary: 'A form with its versions and the steps that show it',
      description: roles('designer'),
      tags: ['Forms'],
      'x-roles': ['designer'],
      parameters: [pathId('Form id.'), paramRef('XRequestId')],
      responses: {
        200: response('The form', schemaRef('Form')),
        ...errors(401, 403, 404, 500),
      },
    },
  },
  '/api/v1/forms/{id}/versions': {
    post: {
      operationId: 'publishFormVersion',
      summary: 'Publish the next version of a form',
      description:
        `${roles('designer')} Versions are numbered 1, 2, 3… and never change once published. Steps keep showing the version ` +
        'they are linked to until a designer links them to the new one (PUT /api/v1/step-forms/{step}).',
      tags: ['Forms'],
      'x-roles': ['designer'],
      parameters: [pathId('Form id.'), paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('FormVersionCreate')) },
      responses: {
        201: response('The new version', schemaRef('FormVersion')),
        ...errors(400, 401, 403, 404, 413, 415, 500),
      },
    },
  },
  '/api/v1/forms/{id}/versions/{version}': {
    get: {
      operationId: 'getFormVersion',
      summary: 'One published version of a form, to render with the form-js viewer',
      description: `${roles('designer', 'crew', 'dispatcher')} A published version never changes: the answer may be cached.`,
      tags: ['Forms'],
      'x-roles': ['designer', 'crew', 'dispatcher'],
      parameters: [
        pathId('Form id.'),
        { name: 'version', in: 'path', required: true, description: 'Version number (1, 2, …); anything else is unknown.', schema: str() },
        paramRef('XRequestId'),
      ],
      responses: {
        200: response('The version', schemaRef('FormVersion')),
        ...errors(401, 403, 404, 500),
      },
    },
  },
  '/api/v1/step-forms': {
    get: {
      operationId: 'listStepForms',
      summary: 'The steps that show a form, and which version each shows',
      description: roles('designer', 'dispatcher'),
      tags: ['Forms'],
      'x-roles': ['designer', 'dispatcher'],
      parameters: [paramRef('XRequestId')],
      responses: {
        200: response('The steps', arrayOf(schemaRef('StepForm'))),
        ...errors(401, 403, 500),
      },
    },
  },
  '/api/v1/step-forms/{step}': {
    put: {
      operationId: 'linkStepForm',
      summary: 'Make a step show a form version',
      description:
        `${roles('designer')} From now on crews fill in this version at the step; work orders already closed keep the version ` +
        'they were closed with. An unknown step is a 404, a form version that does not exist a 400.',
      tags: ['Forms'],
      'x-roles': ['designer'],
      parameters: [
        { name: 'step', in: 'path', required: true, description: 'The step, e.g. `work-order:line`.', schema: str() },
        paramRef('XRequestId'),
      ],
      requestBody: { required: true, content: jsonContent(schemaRef('StepFormLink')) },
      responses: {
        200: response('The step with its form', schemaRef('StepForm')),
        ...errors(400, 401, 403, 404, 413, 415, 500),
      },
    },
  },
  '/api/v1/admin/api-keys': {
    post: {
      operationId: 'createApiKey',
      summary: 'Issue an API key',
      description: `${roles('admin')} Client systems (CRM, billing, NMS) and people (dispatchers, crews) each get their own key.`,
      tags: ['Administration'],
      'x-roles': ['admin'],
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('ApiKeyCreate')) },
      responses: {
        201: response('Issued', schemaRef('ApiKey')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
  },
  '/api/v1/admin/users': {
    post: {
      operationId: 'createUser',
      summary: 'Create a person who logs in to the browser app',
      description: roles('admin'),
      tags: ['Administration'],
      'x-roles': ['admin'],
      parameters: [paramRef('XRequestId')],
      requestBody: { required: true, content: jsonContent(schemaRef('UserCreate')) },
      responses: {
        201: response('Created', schemaRef('User')),
        400: responseRef('BadRequest'),
        401: responseRef('Unauthorized'),
        403: responseRef('Forbidden'),
        409: responseRef('Conflict'),
        413: responseRef('PayloadTooLarge'),
        415: responseRef('UnsupportedMediaType'),
        500: responseRef('InternalServerError'),
      },
    },
  },
};

// --- the document --------------------------------------------------------------------------------

export const openApiDocument: OpenApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'Production Dispatch API',
    version: '0.1.0',
    description: [
      'REST API of the telecom production-dispatch service. It speaks TM Forum Open API shapes:',
      '',
      '- **TMF622 Product Ordering v4** — the CRM submits product orders and reads them (`/tmf-api/productOrderingManagement/v4`);',
      '- **TMF688 Event v4** — hub registration and the event envelope of the TMF622 notifications (ProductOrderCreateEvent, ProductOrderStateChangeEvent);',
      '- **TMF697 Work Order v4** — field crews accept, return and close their work orders (`/tmf-api/workOrderManagement/v4`);',
      '- **TMF620 Product Catalog v4** — the product offerings, read-only (`/tmf-api/productCatalogManagement/v4`);',
      '- **TMF630** list conventions (`fields`, `offset`, `limit`, attribute filters, `X-Total-Count`, `X-Result-Count`) and the TMF error shape.',
      '',
      'Beside these: the order trace (`/api/v1/orders/{id}/trace`), time limits and alarms, billing\'s suspend/resume commands',
      '(`/api/v1/billing`), construction requests (`/api/v1/constructionOrders`), the dispatcher board, order progress and live events, the deployed flows (designers deploy new',
      'versions), login sessions for people, administration (`/api/v1/admin`), health probes and this document. The same',
      'origin serves the browser app (`/login`, `/designer`, `/dispatch`, `/crew`).',
      '',
      'Every route but `/health/*`, `/api-docs` and login (`POST /api/v1/session`) needs `Authorization: Bearer <api key or session token>`; without one any path under',
      '`/tmf-api/...` and `/api/v1/...` answers 401. Each operation names the key roles it allows. Every failure has the TMF',
      'error shape (`Error`). A JSON request body that does not parse is a 400, one over 256 kB a 413, an unsupported',
      'encoding or charset a 415 — for any route. Unknown routes and methods are a 404.',
    ].join('\n'),
  },
  servers: [{ url: '/' }],
  security: [{ bearerAuth: [] }],
  tags: [
    { name: 'Product Ordering', description: 'TMF622 Product Ordering v4' },
    { name: 'Events', description: 'TMF688 hub for TMF622 notifications' },
    { name: 'Work Order', description: 'TMF697 Work Order v4' },
    { name: 'Product Catalog', description: 'TMF620 Product Catalog v4 (read-only subset)' },
    { name: 'Order Trace', description: 'Steps, actors and timings of an order' },
    { name: 'Resource Inventory', description: 'TMF639 Resource Inventory v4 (network resources)' },
    { name: 'Exceptions', description: 'The exception queue and the reconciliation check (R3.2)' },
    { name: 'Time Limits', description: 'Running deadlines, alarms and the time-limit policies (R3.5)' },
    { name: 'Suspend / Resume', description: 'Billing\'s arrears suspension and payment resumption commands (R1.3)' },
    { name: 'Construction', description: 'Construction requests from network planning, maintenance, optimization and the upper-level dispatch (R1.4)' },
    { name: 'Sessions', description: 'People log in with a username and password for a session token' },
    { name: 'Flows', description: 'Deployed BPMN flows and their versions; designers deploy new ones (R4.2)' },
    { name: 'Dispatch', description: 'The dispatcher console: board, order progress, live events (R3.4), statistics (R3.9)' },
    { name: 'Forms', description: 'Step forms: form-js forms, their immutable versions and the steps that show them (R4.4)' },
    { name: 'Administration', description: 'API keys and users' },
    { name: 'Health', description: 'Liveness and readiness probes (no authentication)' },
    { name: 'Documentation', description: 'This document (no authentication)' },
  ],
  paths,
  components: {
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'API key',
        description: 'An API key issued by an administrator (POST /api/v1/admin/api-keys), or a person\'s session token (POST /api/v1/session), sent as `Authorization: Bearer <key>`.',
      },
    },
    parameters: {
      Fields: {
        name: 'fields',
        in: 'query',
        required: false,
        description:
          'Comma-separated top-level attributes to return (spaces around names are trimmed); every other attribute, id and ' +
          'href included, is left out. Absent or empty: the whole resource.',
        schema: str(),
        example: 'id,state',
      },
      FieldsOne: {
        name: 'fields',
        in: 'query',
        required: false,
        description:
          'Comma-separated top-level attributes to return, taken literally (not trimmed); every other attribute, id and ' +
          'href included, is left out. Absent: the whole resource.',
        schema: str(),
        example: 'id,state',
      },
      Offset: {
        name: 'offset',
        in: 'query',
        required: false,
        description: 'How many items to skip; a non-negative integer, else 400.',
        schema: { type: 'integer', minimum: 0, default: 0 },
      },
      Limit: {
        name: 'limit',
        in: 'query',
        required: false,
        description: 'Page size; a non-negative integer, else 400. Values over 1000 are treated as 1000.',
        schema: { type: 'integer', minimum: 0, default: 100 },
      },
      Sort: {
        name: 'sort',
        in: 'query',
        required: false,
        description: 'Accepted for TMF630 compatibility and ignored: the order of a list is fixed.',
        schema: str(),
      },
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Makes a retried create safe: per API key, the first request with a key creates the order; a repeat with the ' +
          'same body gets it back (200), one with another body is a 422. 1 to 200 characters, else 400.',
        schema: str({ minLength: 1, maxLength: 200 }),
      },
      XRequestId: {
        name: 'X-Request-Id',
        in: 'header',
        required: false,
        description: 'Correlates the request in the service\'s logs; echoed in the response. Generated when absent.',
        schema: str(),
      },
    },
    headers: {
      XRequestId: { description: 'The request\'s X-Request-Id, or a generated UUID.', schema: str() },
      XTotalCount: { description: 'How many items match the filters, all pages together.', schema: { type: 'integer', minimum: 0 } },
      XResultCount: { description: 'How many items this page holds.', schema: { type: 'integer', minimum: 0 } },
      Location: { description: 'Path of the created (or replayed) resource.', schema: str() },
    },
    responses: {
      BadRequest: errorResponse('Bad Request: the body, a parameter or a header is invalid; `details` lists validation problems'),
      Unauthorized: errorResponse('Unauthorized: no `Authorization: Bearer <key>`, an unknown, expired or revoked key or session, or (login) wrong credentials'),
      Forbidden: errorResponse('Forbidden: the key has none of the roles the operation allows, or the resource belongs to another crew'),
      NotFound: errorResponse('Not Found'),
      Conflict: errorResponse('Conflict: the resource is in a state that does not allow the change'),
      PayloadTooLarge: errorResponse('Payload Too Large: the body exceeds 256 kB'),
      UnsupportedMediaType: errorResponse('Unsupported Media Type: unsupported content encoding or charset'),
      UnprocessableEntity: errorResponse('Unprocessable Entity: the Idempotency-Key was already used with a different body'),
      InternalServerError: errorResponse('Internal Server Error'),
    },
    schemas,
  },
};
