import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../http/app-types.ts';
import { NoContent } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { DomainError, notFound } from '../../shared/domain-error.ts';
import { employeeId } from '../../http/flowtly-transport.ts';
import { documentIri, presentDocument, presentDocuments } from './employee-documents.presenter.ts';
import { contentDisposition } from './employee-documents.rules.ts';
import { EmployeeDocument, EmployeeDocuments } from './employee-documents.schemas.ts';
import type { EmployeeDocumentsService, Upload } from './employee-documents.service.ts';

/**
 * The `file` part of a multipart body. Over the size limit its bytes are null (the service
 * answers 422); a body that is not valid multipart (no boundary, cut short) is the client's 400.
 */
async function readUpload(request: FastifyRequest): Promise<Upload | null> {
  try {
    const part = await request.file();
    if (part?.fieldname !== 'file') return null;
    let bytes: Uint8Array | null;
    try {
      bytes = await part.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
      bytes = null;
    }
    return { fileName: part.filename, declaredType: part.mimetype, bytes };
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 500) throw error;
    throw new DomainError(
      'bad_request',
      'invalid_multipart',
      `The multipart body could not be read: ${(error as Error).message}`,
    );
  }
}

function documentId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw notFound('document');
  return Number(raw);
}

/**
 * `GET /employees/{id}/documents` (Flowtly's item operation), plus upload (multipart, field
 * `file`), download and delete of one document.
 */
export async function flowtlyEmployeeDocumentsRoutes(
  app: App,
  deps: { documents: EmployeeDocumentsService; maxBytes: number },
): Promise<void> {
  const { documents, maxBytes } = deps;
  // Streams are cut at the limit: an oversized upload never sits whole in memory.
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
  const tags = ['Flowtly: Employees'];
  const params = Type.Object({ id: Type.String() });
  const docParams = Type.Object({ id: Type.String(), documentId: Type.String() });

  for (const prefix of ['/api', '']) {
    const hide = prefix === '';
    const op = (name: string) => (prefix ? name : `${name}Root`);
    const path = `${prefix}/employees/:id/documents`;

    app.get(
      path,
      {
        schema: {
          operationId: op('getEmployeeDocuments'),
          summary: "Retrieves the employee's documents (without their content).",
          tags,
          hide,
          params,
          response: { 200: EmployeeDocuments },
        },
      },
      async (request) => {
        const userId = employeeId(request.params.id);
        const rows = await documents.listDocuments(actorOf(request), userId);
        return presentDocuments(userId, rows, request.format);
      },
    );

    app.post(
      path,
      {
        config: { flowtlyInputTypes: ['multipart/form-data'] },
        schema: {
          operationId: op('postEmployeeDocument'),
          summary: `Uploads a document (multipart/form-data, field "file", at most ${maxBytes} bytes).`,
          tags,
          hide,
          consumes: ['multipart/form-data'],
          params,
          response: { 201: EmployeeDocument },
        },
      },
      async (request, reply) => {
        const userId = employeeId(request.params.id);
        const upload = await readUpload(request);
        const row = await documents.uploadDocument(actorOf(request), userId, upload);
        const location = documentIri(userId, row.id);
        return reply
          .code(201)
          .header('location', location)
          .send(presentDocument(row, request.format, 'item'));
      },
    );

    app.get(
      `${path}/:documentId`,
      {
        config: { flowtlyFileOutput: true },
        schema: {
          operationId: op('downloadEmployeeDocument'),
          summary: 'Downloads a document: its bytes, with its type and file name.',
          tags,
          hide,
          params: docParams,
        },
      },
      async (request, reply) => {
        const document = await documents.downloadDocument(
          actorOf(request),
          employeeId(request.params.id),
          documentId(request.params.documentId),
        );
        return reply
          .type(document.contentType)
          .header('content-disposition', contentDisposition(document.fileName))
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('etag', `"${document.sha256}"`)
          .send(Buffer.from(document.content));
      },
    );

    app.delete(
      `${path}/:documentId`,
      {
        schema: {
          operationId: op('deleteEmployeeDocument'),
          summary: 'Deletes a document for good.',
          tags,
          hide,
          params: docParams,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await documents.deleteDocument(
          actorOf(request),
          employeeId(request.params.id),
          documentId(request.params.documentId),
        );
        return reply.code(204).send();
      },
    );
  }
}
