import {
  auditEntry,
  idParams,
  pageOf,
  pageQuery,
  passwordSchema,
  team,
  teamCreateBody,
  teamRenameBody,
  user,
  userChangeBody,
  userCreateBody,
  version,
} from '@manyi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotentCreate } from '../../plugins/idempotency';
import { findAuditEntries } from '../audit/audit.service';
import * as users from './users.service';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users of the tenant',
        response: { 200: z.object({ items: z.array(user) }) },
      },
    },
    async (request) => ({ items: await users.findUsers(request.ctx()) }),
  );
  app.post(
    '/users',
    {
      config: { permission: 'users.manage' },
      schema: { tags: ['users'], summary: 'Create a user', body: userCreateBody, response: { 201: user } },
    },
    async (request, reply) => idempotentCreate(request, reply, (ctx) => users.createUser(ctx, request.body)),
  );
  app.patch(
    '/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Change role, team, language or active flag',
        params: idParams,
        body: userChangeBody,
        response: { 200: user },
      },
    },
    async (request) => users.changeUser(request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/users/:id/password',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Set a new password (also unlocks the account)',
        params: idParams,
        body: z.object({ version, password: passwordSchema }),
        response: { 200: user },
      },
    },
    async (request) => users.resetUserPassword(request.ctx(), request.params.id, request.body),
  );

  app.get(
    '/teams',
    {
      schema: {
        tags: ['users'],
        summary: 'Teams and service points',
        response: { 200: z.object({ items: z.array(team) }) },
      },
    },
    async (request) => ({ items: await users.findTeams(request.ctx()) }),
  );
  app.post(
    '/teams',
    {
      config: { permission: 'users.manage' },
      schema: { tags: ['users'], summary: 'Create a team', body: teamCreateBody, response: { 201: team } },
    },
    async (request, reply) => idempotentCreate(request, reply, (ctx) => users.createTeam(ctx, request.body)),
  );
  app.patch(
    '/teams/:id',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Rename a team',
        params: idParams,
        body: teamRenameBody,
        response: { 200: team },
      },
    },
    async (request) => users.renameTeam(request.ctx(), request.params.id, request.body),
  );

  app.get(
    '/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        querystring: pageQuery.extend({
          entityType: z.string().max(40).optional(),
          entityId: z.string().max(80).optional(),
        }),
        response: { 200: pageOf(auditEntry) },
      },
    },
    async (request) => findAuditEntries(request.ctx(), request.query),
  );
};
