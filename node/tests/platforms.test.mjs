// Every platform case (tests/platforms/*.json) through the napi package.
import { createRequire } from 'node:module';
import { replayPlatforms } from '../../tests/js/platforms.mjs';

replayPlatforms('napi', createRequire(import.meta.url)('../index.js'));
