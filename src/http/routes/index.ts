// Route plugins mounted under /v1, behind bearer authentication. Adding a group of routes is one line here.
import type { FastifyPluginAsync } from 'fastify';
import readRoutes from './read/index.js';
import writeRoutes from './writes/index.js';
import { vocabularyRoutes } from './vocabulary.js';

export const v1Routes: readonly FastifyPluginAsync[] = [writeRoutes, readRoutes, vocabularyRoutes];
