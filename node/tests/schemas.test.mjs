// The napi package's decisions against schemas/ (tests/js/schemas.mjs).
import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import { checkSchemas } from '../../tests/js/schemas.mjs';

const { Engine } = createRequire(import.meta.url)('../index.js');
checkSchemas('napi', Engine, Ajv2020);
