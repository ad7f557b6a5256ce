import type { AgencyTemplate } from './agency-template.js';
import { gulfwireTemplate } from './gulfwire-template.js';
import { meridianTemplate } from './meridian-template.js';
import { rasaTemplate } from './rasa-template.js';
import { tigrisTemplate } from './tigris-template.js';

/** Every agency of the demo wire, in the order the demo lists its sources. */
export const TEMPLATES: readonly AgencyTemplate[] = [rasaTemplate, gulfwireTemplate, meridianTemplate, tigrisTemplate];

export type { AgencyTemplate, TemplateContext } from './agency-template.js';
